import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { getDataset } from '../../api/datasets';
import { isAbortError, messageOf } from '../../api/http';
import type { DatasetDetail, RowsQuery, SortKey } from '../../api/types';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { formatCount } from '../../lib/format';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { datasetPath } from '../../lib/useRoute';
import { StatusBadge } from '../datasets/StatusBadge';
import { IngestBar } from '../upload/IngestBar';
import { RejectsTable } from './RejectsTable';
import { SortControls } from './SortControls';
import { useIngestProgress } from './useIngestProgress';

// The grid library is the largest part of the bundle: load it with the first dataset opened.
const RowsGrid = lazy(() => import('./RowsGrid'));

interface Props {
  id: string;
  tab: 'rows' | 'rejects';
}

export function DatasetView({ id, tab }: Props) {
  const [dataset, setDataset] = useState<DatasetDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<SortKey[]>([]);
  const [searchText, setSearchText] = useState('');
  const search = useDebouncedValue(searchText, 300);

  const load = useCallback(
    (signal?: AbortSignal) => {
      getDataset(id, signal).then(
        (found) => {
          setDataset(found);
          setError(null);
        },
        (failure: unknown) => {
          if (!isAbortError(failure)) {
            setError(messageOf(failure));
          }
        },
      );
    },
    [id],
  );

  useEffect(() => {
    const controller = new AbortController();
    setDataset(null);
    setSort([]);
    setSearchText('');
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const ready = dataset?.status.toLowerCase() === 'ready';
  const failed = dataset?.status.toLowerCase() === 'failed';
  const importing = dataset !== null && !ready && !failed;
  const ingest = useIngestProgress(id, importing);
  useEffect(() => {
    if (ingest.ended) {
      load();
    }
  }, [ingest.ended, load]);

  const query: RowsQuery = { sort, filters: [], search };
  const rejected = dataset?.rejectedCount ?? 0;
  const showRejects = tab === 'rejects' && rejected > 0;

  if (dataset === null) {
    return (
      <>
        <p>
          <Link href="/">← Datasets</Link>
        </p>
        {error ? <ErrorBanner message={error} /> : <p className="muted">Loading…</p>}
      </>
    );
  }

  return (
    <>
      <div className="dataset-head">
        <Link href="/">← Datasets</Link>
        <h1>{dataset.name}</h1>
        <StatusBadge status={dataset.status} />
        <span className="muted">
          {formatCount(dataset.rowCount)} rows · {formatCount(dataset.columns.length)} columns
          {rejected > 0 ? ` · ${formatCount(rejected)} rejected` : ''}
        </span>
      </div>
      <ErrorBanner message={error} />
      {dataset.warnings?.length > 0 && (
        <div className="banner warning">
          <ul style={{ margin: 0, paddingLeft: '1.2rem' }}>
            {dataset.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
      {failed && <ErrorBanner message={failureText(dataset) ?? ingest.failure ?? 'The import failed.'} />}
      {importing && (
        <section className="card" aria-label="Import progress">
          <IngestBar progress={ingest.progress} />
          <ErrorBanner message={ingest.failure} />
        </section>
      )}
      {ready && (
        <>
          {rejected > 0 && (
            <nav className="tabs" aria-label="Dataset views">
              <Link href={datasetPath(id)} current={!showRejects}>
                Rows
              </Link>
              <Link href={datasetPath(id, 'rejects')} current={showRejects}>
                Rejected rows ({formatCount(rejected)})
              </Link>
            </nav>
          )}
          {showRejects ? (
            <RejectsTable datasetId={id} />
          ) : (
            <>
              <div className="toolbar">
                <label style={{ flexDirection: 'row', alignItems: 'center', gap: '0.5rem' }}>
                  <span className="visually-hidden">Search all columns</span>
                  <input
                    type="search"
                    placeholder="Search all columns…"
                    value={searchText}
                    onChange={(event) => setSearchText(event.target.value)}
                  />
                </label>
                <SortControls columns={dataset.columns} sort={sort} onChange={setSort} />
              </div>
              <Suspense fallback={<div className="grid-frame" aria-busy="true" />}>
                <RowsGrid
                  datasetId={id}
                  columns={dataset.columns}
                  rowCount={dataset.rowCount ?? 0}
                  query={query}
                  onSortChange={setSort}
                />
              </Suspense>
            </>
          )}
        </>
      )}
    </>
  );
}

function failureText(dataset: DatasetDetail): string | null {
  const failure = dataset.failure;
  if (!failure) {
    return null;
  }
  if (typeof failure === 'string') {
    return failure;
  }
  return failure.detail ?? failure.title ?? null;
}
