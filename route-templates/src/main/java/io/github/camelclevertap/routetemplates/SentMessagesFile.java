package io.github.camelclevertap.routetemplates;

import java.io.File;

import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

/**
 * Camel's file-backed idempotent repository, configurable from a Kamelet's bean properties with a path string (Camel
 * converts no `String` to the `File` its own setter takes). The Slack source keeps the `ts` of the messages it sent in
 * it, so the message camel-slack hands over again after a restart is not sent twice.
 */
public class SentMessagesFile extends FileIdempotentRepository {

    /**
     * The file keeping the keys, one a line; its directory is created when missing.
     */
    public void setPath(String path) {
        setFileStore(new File(path));
    }
}
