package io.github.camelclevertap.routetemplates;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Where the Slack source keeps the `ts` of the messages it sent: a file ({@link SentMessagesFile}) by default, or,
 * with a data source, Camel's `JdbcMessageIdRepository` (camel-sql, table `CAMEL_MESSAGEPROCESSED`), which every
 * replica shares, so the replica that takes the channel over after a failover does not send the newest message
 * again. A clustered source must have the shared store: a file of one replica is not seen by the next leader.
 */
public class SentMessages extends ServiceSupport implements IdempotentRepository, CamelContextAware {

    private CamelContext camelContext;
    private String path;
    private String dataSource;
    private String processorName;
    private String clusterNamespace;
    private IdempotentRepository store;

    /**
     * The file keeping the keys when no data source is set.
     */
    public void setPath(String path) {
        this.path = path;
    }

    /**
     * The name of the `javax.sql.DataSource` bean whose database keeps the keys; blank for the file.
     */
    public void setDataSource(String dataSource) {
        this.dataSource = blank(dataSource) ? null : dataSource.trim();
    }

    /**
     * The keys' name in the shared table (its `processorName` column), one per channel.
     */
    public void setProcessorName(String processorName) {
        this.processorName = processorName;
    }

    /**
     * The source's cluster namespace; when set, a data source is required.
     */
    public void setClusterNamespace(String clusterNamespace) {
        this.clusterNamespace = blank(clusterNamespace) ? null : clusterNamespace.trim();
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected void doStart() throws Exception {
        if (dataSource == null) {
            if (clusterNamespace != null) {
                throw new IllegalArgumentException("The Slack source with clusterNamespace " + clusterNamespace
                                                   + " needs stateDataSource: the messages sent must be kept where"
                                                   + " the replica that takes over reads them, not in a local file");
            }
            SentMessagesFile file = new SentMessagesFile();
            file.setPath(path);
            store = file;
        } else {
            DataSource database = camelContext == null ? null
                    : camelContext.getRegistry().lookupByNameAndType(dataSource, DataSource.class);
            if (database == null) {
                throw new IllegalArgumentException("stateDataSource: no javax.sql.DataSource bean named " + dataSource);
            }
            store = Jdbc.repository(database, processorName);
        }
        CamelContextAware.trySetCamelContext(store, camelContext);
        ServiceHelper.startService(store);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(store);
    }

    @Override
    public boolean add(String key) {
        return store.add(key);
    }

    @Override
    public boolean contains(String key) {
        return store.contains(key);
    }

    @Override
    public boolean remove(String key) {
        return store.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return store.confirm(key);
    }

    @Override
    public void clear() {
        store.clear();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** camel-sql is optional: only a source with a data source loads it. */
    private static final class Jdbc {

        static IdempotentRepository repository(DataSource dataSource, String processorName) {
            return new org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository(dataSource, processorName);
        }
    }
}
