import { useState, type FormEvent } from 'react';
import { renameDataset } from '../../api/datasets';
import { messageOf } from '../../api/http';
import type { DatasetSummary } from '../../api/types';
import { Link } from '../../components/Link';
import { formatBytes, formatCount, formatDateTime } from '../../lib/format';
import { datasetPath } from '../../lib/useRoute';
import { StatusBadge } from './StatusBadge';

interface Props {
  dataset: DatasetSummary;
  showOwner: boolean;
  onRenamed: (name: string) => void;
  onDelete: () => void;
  onError: (message: string) => void;
}

export function DatasetRow({ dataset, showOwner, onRenamed, onDelete, onError }: Props) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(dataset.name);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '' || trimmed === dataset.name) {
      setEditing(false);
      return;
    }
    setBusy(true);
    try {
      await renameDataset(dataset.id, trimmed);
      onRenamed(trimmed);
      setEditing(false);
    } catch (failure) {
      onError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr>
      <td>
        {editing ? (
          <form onSubmit={save} style={{ display: 'flex', gap: '0.4rem' }}>
            <input
              type="text"
              aria-label={`New name for ${dataset.name}`}
              value={name}
              autoFocus
              maxLength={200}
              onChange={(event) => setName(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  setName(dataset.name);
                  setEditing(false);
                }
              }}
            />
            <button type="submit" className="primary" disabled={busy}>
              Save
            </button>
            <button type="button" onClick={() => (setName(dataset.name), setEditing(false))}>
              Cancel
            </button>
          </form>
        ) : (
          <Link href={datasetPath(dataset.id)}>{dataset.name}</Link>
        )}
      </td>
      {showOwner && <td>{dataset.owner}</td>}
      <td className="num">{formatCount(dataset.rowCount)}</td>
      <td className="num">{formatCount(dataset.columnCount)}</td>
      <td className="num">{formatBytes(dataset.sizeBytes)}</td>
      <td>
        <StatusBadge status={dataset.status} />
      </td>
      <td>{formatDateTime(dataset.createdAt)}</td>
      <td className="actions">
        {!editing && (
          <button type="button" className="link" onClick={() => setEditing(true)} aria-label={`Rename ${dataset.name}`}>
            Rename
          </button>
        )}
        <button type="button" className="link danger-text" onClick={onDelete} aria-label={`Delete ${dataset.name}`}>
          Delete
        </button>
      </td>
    </tr>
  );
}
