package io.github.camelclevertap.routetemplates.review;

import java.util.List;
import java.util.Optional;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;

/**
 * A cluster service whose leadership the test hands over: {@link #lead(boolean)} makes this replica the leader of
 * every namespace, or a follower (as a Kubernetes lease this replica could not renew, or a file lock that lapsed
 * while its JVM was frozen).
 */
final class SwitchableClusterService extends AbstractCamelClusterService<SwitchableClusterService.View> {

    private volatile boolean leader;
    private volatile View view;

    SwitchableClusterService(String id, boolean leader) {
        super(id);
        this.leader = leader;
    }

    void lead(boolean leader) {
        this.leader = leader;
        View v = view;
        if (v != null) {
            v.changed();
        }
    }

    @Override
    protected View createView(String namespace) {
        view = new View(namespace);
        return view;
    }

    final class View extends AbstractCamelClusterView {

        private final CamelClusterMember local = new CamelClusterMember() {
            @Override
            public boolean isLeader() {
                return leader;
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public String getId() {
                return SwitchableClusterService.this.getId();
            }
        };

        View(String namespace) {
            super(SwitchableClusterService.this, namespace);
        }

        void changed() {
            fireLeadershipChangedEvent(getLeader());
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return leader ? Optional.of(local) : Optional.empty();
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(local);
        }

        @Override
        protected void doStart() {
            changed();
        }
    }
}
