-- Catalogue import with its cluster plan made before the clustering lock (issue 3, docs/import.md):
-- a batch writes its records and holdings with the cluster numbers of that plan, including the
-- numbers of clusters it will make, and writes those clusters under the lock, once the plan is
-- confirmed or corrected (another library may have committed the same book meanwhile; then the
-- batch's records join that cluster and the number it had taken is never used). The references
-- to a cluster are therefore checked at commit.
ALTER TABLE records ALTER CONSTRAINT records_cluster_id_fkey DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE holdings ALTER CONSTRAINT holdings_cluster_id_fkey DEFERRABLE INITIALLY DEFERRED;
