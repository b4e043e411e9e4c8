import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { exportUrl, getDataset, getProfile } from '../../api/datasets';
import { isAbortError, messageOf } from '../../api/http';
import type { DatasetDetail, DatasetProfile, RowsQuery, SortKey } from '../../api/types';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Link } from '../../components/Link';
import { toQueryFilters, withFilter, type ColumnFilter } from '../../lib/columnFilters';
import { formatCount } from '../../lib/format';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { datasetPath, useLinkHandler } from '../../lib/useRoute';
import { StatusBadge } from '../datasets/StatusBadge';
import { IngestBar } from '../upload/IngestBar';
import { FilterChips } from './FilterChips';
import { FilterEditor } from './FilterEditor';
import { FilterPicker } from './FilterPicker';
import { ProfilePanel } from './ProfilePanel';
import { RejectsTable } from './RejectsTable';
import { SortControls } from './SortControls';
import { useIngestProgress } from './useIngestProgress';

// The grid library is the largest part of the bundle: load it with the first dataset opened.
const RowsGrid = lazy(() => import('./RowsGrid'));
// The chart builder (Graphic Walker) is larger still: load it when the Chart tab is first opened.
const ChartTab = lazy(() => import('../chart/ChartTab'));

/** The rows a preview holds at most (the server's Preview.MAX_ROWS). */
const PREVIEW_ROWS = 1000;
const PREVIEW_POLL_MS = 1000;
const PREVIEW_HINT = 'Sorting, filtering, search and charts work once the import is done.';

interface Props {
  id: string;
  tab: 'rows' | 'rejects';
}

export function DatasetView({ id, tab }: Props) {
  const [dataset, setDataset] = useState<DatasetDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<SortKey[]>([]);
  const [searchText, setSearchText] = useState('');
  const [filters, setFilters] = useState<ColumnFilter[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [profile, setProfile] = useState<DatasetProfile | 'loading' | 'failed' | null>(null);
  const [showProfile, setShowProfile] = useState(false);
  const [showChart, setShowChart] = useState(false);
  const followLink = useLinkHandler();
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
    setFilters([]);
    setEditing(null);
    setProfile(null);
    setShowProfile(false);
    setShowChart(false);
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const ready = dataset?.status.toLowerCase() === 'ready';
  const failed = dataset?.status.toLowerCase() === 'failed';
  const importing = dataset !== null && !ready && !failed;
  // Columns arrive with the preview, once the first megabyte is there: until then, look again each second.
  const previewing = importing && dataset.columns.length > 0;
  const ingest = useIngestProgress(id, importing);
  useEffect(() => {
    if (ingest.ended) {
      load();
    }
  }, [ingest.ended, load]);
  // Also look now and then while previewing, in case the progress stream ends without a final event.
  useEffect(() => {
    if (!importing) {
      return;
    }
    const timer = setInterval(() => load(), previewing ? PREVIEW_POLL_MS * 3 : PREVIEW_POLL_MS);
    return () => clearInterval(timer);
  }, [importing, previewing, load]);

  const queryFilters = useMemo(() => toQueryFilters(filters), [filters]);
  const query: RowsQuery = { sort, filters: queryFilters, search };

  /** Opens the filter of a column, loading the column profiles (for the pick-lists) the first time. */
  const editFilter = useCallback(
    (column: string) => {
      setEditing(column);
      if (profile === null || profile === 'failed') {
        setProfile('loading');
        getProfile(id).then(setProfile, () => setProfile('failed'));
      }
    },
    [id, profile],
  );
  const editedColumn = dataset?.columns.find((column) => column.name === editing);
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
          {importing ? 'Importing…' : `${formatCount(dataset.rowCount)} rows`} ·{' '}
          {formatCount(dataset.columns.length)} columns
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
      {importing && !previewing && (
        <section className="card" aria-label="Import progress">
          <IngestBar progress={ingest.progress} />
          <ErrorBanner message={ingest.failure} />
          <p className="muted">The first rows show here as soon as the first megabyte has arrived.</p>
        </section>
      )}
      {(ready || previewing) && (
        <>
          <nav className="tabs" aria-label="Dataset views">
            <a
              href={datasetPath(id)}
              aria-current={!showRejects && !showChart ? 'page' : undefined}
              onClick={(event) => {
                setShowChart(false);
                followLink(event);
              }}
            >
              Rows
            </a>
            {previewing ? (
              <span className="tab-disabled" aria-disabled="true" title={PREVIEW_HINT}>
                Chart
              </span>
            ) : (
              <a
                href={datasetPath(id)}
                aria-current={showChart && !showRejects ? 'page' : undefined}
                onClick={(event) => {
                  setShowChart(true);
                  followLink(event);
                }}
              >
                Chart
              </a>
            )}
            {rejected > 0 && (
              <Link href={datasetPath(id, 'rejects')} current={showRejects}>
                Rejected rows ({formatCount(rejected)})
              </Link>
            )}
          </nav>
          {showRejects ? (
            <RejectsTable datasetId={id} />
          ) : showChart && ready ? (
            <Suspense fallback={<p className="muted">Loading chart builder…</p>}>
              <ChartTab datasetId={id} />
            </Suspense>
          ) : (
            <>
              <fieldset
                className="toolbar controls"
                disabled={previewing}
                title={previewing ? PREVIEW_HINT : undefined}
              >
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
                <FilterPicker columns={dataset.columns} onPick={editFilter} />
                <button type="button" aria-pressed={showProfile} onClick={() => setShowProfile((shown) => !shown)}>
                  {showProfile ? 'Hide columns' : 'Columns'}
                </button>
                {ready && (
                  <a
                    className="button"
                    href={exportUrl(id, query)}
                    download
                    title="Every row of this view (sort, filters, search) as a CSV file for spreadsheets"
                  >
                    Export CSV
                  </a>
                )}
              </fieldset>
              {showProfile && <ProfilePanel datasetId={id} />}
              {editedColumn && (
                <FilterEditor
                  key={editedColumn.name}
                  column={editedColumn}
                  profile={
                    typeof profile === 'object' && profile !== null
                      ? profile.columns.find((column) => column.name === editedColumn.name)
                      : undefined
                  }
                  profileLoading={profile === 'loading'}
                  current={filters.find((filter) => filter.column === editedColumn.name)}
                  onApply={(filter) => {
                    setFilters((list) => withFilter(list, filter));
                    setEditing(null);
                  }}
                  onClose={() => setEditing(null)}
                />
              )}
              <FilterChips
                filters={filters}
                columns={dataset.columns}
                onEdit={editFilter}
                onRemove={(column) => setFilters((list) => list.filter((filter) => filter.column !== column))}
                onClear={() => setFilters([])}
              />
              <Suspense fallback={<div className="grid-frame" aria-busy="true" />}>
                <RowsGrid
                  datasetId={id}
                  columns={dataset.columns}
                  rowCount={ready ? (dataset.rowCount ?? 0) : PREVIEW_ROWS}
                  query={query}
                  preview={previewing ? { hint: PREVIEW_HINT, progress: ingest.progress } : null}
                  onSortChange={setSort}
                  filtered={filters.map((filter) => filter.column)}
                  onFilterColumn={editFilter}
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
