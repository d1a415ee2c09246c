package io.github.camelclevertap.routetemplates;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Tells the file's {@link FileUpload} that the sink answered for one chunk of its records (or failed it): the
 * outcomes and the progress are written once every chunk before it is answered too.
 */
public class RecordChunkReport implements Processor {

    @Override
    public void process(Exchange exchange) {
        exchange.getProperty(RecordFileReader.FILE_UPLOAD, FileUpload.class).answered(exchange);
    }
}
