import { useEffect, useState } from 'react';
import { readRejects } from '../../api/datasets';
import { isAbortError, messageOf } from '../../api/http';
import type { RejectsPage } from '../../api/types';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatCount } from '../../lib/format';

const PAGE_SIZE = 100;

/** Rows the import could not read, with their line numbers and reasons, a page at a time. */
export function RejectsTable({ datasetId }: { datasetId: string }) {
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RejectsPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    readRejects(datasetId, offset, PAGE_SIZE, controller.signal).then(
      (result) => {
        setPage(result);
        setError(null);
      },
      (failure: unknown) => {
        if (!isAbortError(failure)) {
          setError(messageOf(failure));
        }
      },
    );
    return () => controller.abort();
  }, [datasetId, offset]);

  const total = page?.total ?? 0;
  return (
    <section className="card" aria-label="Rejected rows">
      <ErrorBanner message={error} />
      {page === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <table className="list">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Reason</th>
                <th scope="col">Text in the file</th>
              </tr>
            </thead>
            <tbody>
              {page.rejects.map((reject) => (
                <tr key={`${reject.line}-${reject.reason}`}>
                  <td className="num">{formatCount(reject.line)}</td>
                  <td>{reject.reason}</td>
                  <td className="raw">{reject.raw}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <span className="muted">
              {total === 0
                ? 'None'
                : `${formatCount(offset + 1)}–${formatCount(Math.min(offset + PAGE_SIZE, total))} of ${formatCount(total)}`}
            </span>
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              Previous
            </button>
            <button type="button" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              Next
            </button>
          </div>
        </>
      )}
    </section>
  );
}
