import { useEffect, useState } from 'react';
import { getProfile } from '../../api/datasets';
import { isAbortError, messageOf } from '../../api/http';
import type { ColumnProfile, DatasetProfile } from '../../api/types';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatCount } from '../../lib/format';
import { barHeights, formatDistinct, formatProfileValue } from './profileFormat';

interface Props {
  datasetId: string;
}

const WIDTH = 120;
const HEIGHT = 24;

/** Column profiles of a ready dataset: type, nulls, distinct count, bounds and a tiny histogram or top-values bar. */
export function ProfilePanel({ datasetId }: Props) {
  const [profile, setProfile] = useState<DatasetProfile | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setProfile(null);
    setError(null);
    getProfile(datasetId, controller.signal).then(setProfile, (failure: unknown) => {
      if (!isAbortError(failure)) {
        setError(messageOf(failure));
      }
    });
    return () => controller.abort();
  }, [datasetId]);

  if (error) {
    return <ErrorBanner message={error} />;
  }
  if (profile === null) {
    return <p className="muted">Loading column profiles…</p>;
  }
  return (
    <section className="card" aria-label="Column profiles" style={{ overflowX: 'auto' }}>
      <table className="list">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Nulls</th>
            <th scope="col">Distinct</th>
            <th scope="col">Min</th>
            <th scope="col">Max</th>
            <th scope="col">Distribution</th>
          </tr>
        </thead>
        <tbody>
          {profile.columns.map((column) => (
            <tr key={column.name}>
              <th scope="row">{column.name}</th>
              <td className="muted">{column.type}</td>
              <td>{formatCount(column.nullCount)}</td>
              <td title={column.distinctApproximate ? 'Estimated' : undefined}>{formatDistinct(column)}</td>
              <td>{formatProfileValue(column.min)}</td>
              <td>{formatProfileValue(column.max)}</td>
              <td>
                <Distribution column={column} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A histogram for numbers and dates, bars of the top values for text and booleans; nothing for all-null columns. */
function Distribution({ column }: { column: ColumnProfile }) {
  const bars =
    column.histogram.length > 0
      ? column.histogram.map((bin) => ({
          count: bin.count,
          label: `${formatProfileValue(bin.lo)} – ${formatProfileValue(bin.hi)}: ${formatCount(bin.count)}`,
        }))
      : column.topValues.map((top) => ({ count: top.count, label: `${top.value}: ${formatCount(top.count)}` }));
  if (bars.length === 0) {
    return <span className="muted">—</span>;
  }
  const heights = barHeights(
    bars.map((bar) => bar.count),
    HEIGHT,
  );
  const step = WIDTH / Math.max(bars.length, column.histogram.length > 0 ? 1 : 10);
  const summary = column.histogram.length > 0 ? 'Histogram' : 'Most frequent values';
  return (
    <svg width={WIDTH} height={HEIGHT} role="img" aria-label={`${summary} of ${column.name}`}>
      {bars.map((bar, index) => (
        <rect
          key={index}
          x={index * step + 0.5}
          y={HEIGHT - heights[index]}
          width={Math.max(1, step - 1)}
          height={heights[index]}
          fill="var(--accent)"
        >
          <title>{bar.label}</title>
        </rect>
      ))}
    </svg>
  );
}
