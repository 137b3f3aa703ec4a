import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api';

/** An import of a file of records into a library's part of the union catalogue (docs/import.md). */
export interface ImportBatch {
  id: number;
  library: string;
  kind: string;
  source: string;
  format: string | null;
  flavour: string | null;
  status: string;
  counts: { read: number; created: number; updated: number; unchanged: number; deleted: number; rejected: number; warnings: number };
  job: { status: string; attempts: number; progress: { done: number; total?: number; stage?: string; perSecond?: number; etaSeconds?: number } | null } | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface RejectedRecord {
  position: number;
  localId: string | null;
  severity: 'error' | 'warning';
  problems: { field?: string; subfield?: string; reason: string; code: string }[];
}

const running = (b: ImportBatch) => !b.finishedAt && b.job?.status !== 'failed' && b.job?.status !== 'cancelled';

/** A library's imports, newest first, asked again every second while one is running (the live progress). */
export function useImports({ library }: { library: string | null }) {
  return useQuery({
    queryKey: ['imports', library],
    enabled: Boolean(library),
    queryFn: ({ signal }) => api<{ items: ImportBatch[] }>(`/libraries/${encodeURIComponent(library!)}/imports`, { query: { limit: 20 }, signal }).then((r) => r.items),
    refetchInterval: (q) => (q.state.data?.some(running) ? 1000 : false),
  });
}

/** The records of an import that were rejected or stored with warnings, with their reasons. */
export function useRejects({ library, batchId }: { library: string; batchId: number | null }) {
  return useQuery({
    queryKey: ['imports', library, 'rejects', batchId],
    enabled: batchId !== null,
    queryFn: ({ signal }) =>
      api<{ items: RejectedRecord[] }>(`/libraries/${encodeURIComponent(library)}/imports/${batchId}/rejects`, { query: { limit: 100 }, signal }).then((r) => r.items),
  });
}

/** Uploads a file (ISO 2709, MARCXML, MARC-in-JSON) as a form; the server imports it in a job. */
export function useUpload({ library }: { library: string }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, format, flavour }: { file: File; format: string; flavour: string }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<{ batchId: number; jobId: number }>(`/libraries/${encodeURIComponent(library)}/imports`, {
        method: 'POST',
        query: { format, flavour, filename: file.name },
        body: form,
      });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: ['imports', library] }),
  });
}

export const isRunning = running;
