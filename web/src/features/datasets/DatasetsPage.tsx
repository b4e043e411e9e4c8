import { useState } from 'react';
import { deleteDataset } from '../../api/datasets';
import { messageOf } from '../../api/http';
import type { DatasetSummary } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useSession } from '../auth/useSession';
import { UploadPanel } from '../upload/UploadPanel';
import { DatasetRow } from './DatasetRow';
import { useDatasets } from './useDatasets';

export function DatasetsPage() {
  const { datasets, error, reload, setDatasets } = useDatasets();
  const [actionError, setActionError] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<DatasetSummary | null>(null);
  const [deleting, setDeleting] = useState(false);
  const { user } = useSession();
  // an admin sees every user's datasets: then the list says whose each one is
  const showOwner = datasets?.some((dataset) => dataset.owner !== user?.username) ?? false;

  const confirmDelete = async () => {
    if (!toDelete) {
      return;
    }
    setDeleting(true);
    try {
      await deleteDataset(toDelete.id);
      setDatasets((list) => list?.filter((dataset) => dataset.id !== toDelete.id) ?? null);
      setToDelete(null);
      reload();
    } catch (failure) {
      setActionError(messageOf(failure));
      setToDelete(null);
    } finally {
      setDeleting(false);
    }
  };

  return (
    <>
      <h1>Datasets</h1>
      <UploadPanel />
      <ErrorBanner message={error} />
      <ErrorBanner message={actionError} onDismiss={() => setActionError(null)} />
      <section className="card" aria-labelledby="datasets-title">
        <h2 id="datasets-title" className="visually-hidden">
          Your datasets
        </h2>
        {datasets === null ? (
          <p className="muted">Loading…</p>
        ) : datasets.length === 0 ? (
          <p className="muted">No datasets yet. Upload a CSV file to start.</p>
        ) : (
          <table className="list">
            <thead>
              <tr>
                <th scope="col">Name</th>
                {showOwner && <th scope="col">Owner</th>}
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="num">
                  Columns
                </th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col" className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((dataset) => (
                <DatasetRow
                  key={dataset.id}
                  dataset={dataset}
                  showOwner={showOwner}
                  onRenamed={(name) =>
                    setDatasets((list) => list?.map((d) => (d.id === dataset.id ? { ...d, name } : d)) ?? null)
                  }
                  onDelete={() => setToDelete(dataset)}
                  onError={setActionError}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      {toDelete && (
        <ConfirmDialog
          title="Delete dataset?"
          message={`“${toDelete.name}” and its imported data will be deleted. This cannot be undone.`}
          confirmLabel="Delete"
          busy={deleting}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setToDelete(null)}
        />
      )}
    </>
  );
}
