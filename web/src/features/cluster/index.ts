import { lazy } from 'react';

/** A union record (cluster) as readers see it: description, holdings with availability, member records. */
export { useCluster, type Cluster } from './hooks/use-cluster';
export { describeRecord, type Description, type DisplayRecord } from './domain/describe-record';

export const ClusterPage = lazy(() => import('./components/cluster-page').then((m) => ({ default: m.ClusterPage })));
