import {
  GraphicWalker,
  type IChart,
  type IDataQueryPayload,
  type IMutField,
  type IRow,
  type VizSpecStore,
} from '@kanaries/graphic-walker';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isAbortError, messageOf } from '../../api/http';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatCount } from '../../lib/format';
import { deleteChart, getFields, listCharts, saveChart, type SavedChart } from './chartApi';
import { ChartQueries } from './chartQueries';

interface Props {
  datasetId: string;
}

/**
 * The chart builder: Graphic Walker (Kanaries) in server-computation mode. It never sees the rows;
 * every chart, table page and count is a workflow POSTed to /api/datasets/{id}/query. Loaded lazily,
 * so its ~5 MB stay out of the main bundle.
 */
export default function ChartTab({ datasetId }: Props) {
  const [fields, setFields] = useState<IMutField[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [capped, setCapped] = useState<number | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [saved, setSaved] = useState<SavedChart[]>([]);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const store = useRef<VizSpecStore | null>(null);
  const queries = useMemo(() => new ChartQueries(datasetId), [datasetId]);

  // queries still running when the tab closes, the dataset changes or the page is left are withdrawn
  useEffect(() => {
    const leave = () => queries.withdrawAll();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      queries.withdrawAll();
    };
  }, [queries]);

  useEffect(() => {
    const controller = new AbortController();
    setFields(null);
    setError(null);
    setCapped(null);
    setWarnings([]);
    getFields(datasetId, controller.signal).then(
      (found) => setFields(found),
      (failure: unknown) => {
        if (!isAbortError(failure)) {
          setError(messageOf(failure));
        }
      },
    );
    listCharts(datasetId, controller.signal).then(setSaved, (failure: unknown) => {
      if (!isAbortError(failure)) {
        setError(messageOf(failure));
      }
    });
    return () => controller.abort();
  }, [datasetId]);

  const save = async () => {
    const current = store.current;
    if (current === null || name.trim() === '') {
      return;
    }
    try {
      const chart = await saveChart(datasetId, name.trim(), current.exportCode());
      setSaved((charts) => [chart, ...charts]);
      setChosen(chart.id);
      setNotice(`Saved "${chart.name}".`);
    } catch (failure) {
      setNotice(messageOf(failure));
    }
  };

  const open = () => {
    const chart = saved.find((candidate) => candidate.id === chosen);
    if (chart !== undefined && store.current !== null) {
      store.current.importCode(chart.spec as IChart[]);
      setName(chart.name);
      setNotice(`Opened "${chart.name}".`);
    }
  };

  const remove = async () => {
    const chart = saved.find((candidate) => candidate.id === chosen);
    if (chart === undefined) {
      return;
    }
    try {
      await deleteChart(datasetId, chart.id);
      setSaved((charts) => charts.filter((candidate) => candidate.id !== chart.id));
      setChosen('');
      setNotice(`Deleted "${chart.name}".`);
    } catch (failure) {
      setNotice(messageOf(failure));
    }
  };

  const computation = useCallback(
    async (payload: IDataQueryPayload): Promise<IRow[]> => {
      const answer = await queries.run(payload);
      if (answer.cappedAt !== null) {
        setCapped(answer.cappedAt);
      }
      if (answer.warnings.length > 0) {
        setWarnings((shown) => [...new Set([...shown, ...answer.warnings])]);
      }
      return answer.rows as IRow[];
    },
    [queries],
  );

  if (error !== null) {
    return <ErrorBanner message={error} />;
  }
  if (fields === null) {
    return <p className="muted">Loading chart builder…</p>;
  }
  return (
    <section className="chart-tab" aria-label="Chart builder">
      {capped !== null && (
        <div className="banner warning" role="status" data-testid="chart-capped">
          <strong>Showing the first {formatCount(capped)} rows only.</strong> A chart asked for more rows than Quarry
          sends to the browser, so it is drawn from part of the data. Aggregate, filter or bin to see all of it.{' '}
          <button type="button" onClick={() => setCapped(null)}>
            Dismiss
          </button>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="banner warning" role="status" data-testid="chart-warnings">
          <ul>
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
          <button type="button" onClick={() => setWarnings([])}>
            Dismiss
          </button>
        </div>
      )}
      <div className="toolbar" aria-label="Saved charts">
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: '0.5rem' }}>
          <span className="visually-hidden">Chart name</span>
          <input
            type="text"
            placeholder="Name these charts…"
            value={name}
            maxLength={200}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <button type="button" onClick={() => void save()} disabled={name.trim() === ''}>
          Save charts
        </button>
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: '0.5rem' }}>
          <span className="visually-hidden">Saved charts</span>
          <select value={chosen} onChange={(event) => setChosen(event.target.value)}>
            <option value="">{saved.length === 0 ? 'No saved charts' : 'Saved charts…'}</option>
            {saved.map((chart) => (
              <option key={chart.id} value={chart.id}>
                {chart.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={open} disabled={chosen === ''}>
          Open
        </button>
        <button type="button" onClick={() => void remove()} disabled={chosen === ''}>
          Delete
        </button>
        {notice !== null && (
          <span className="muted" role="status">
            {notice}
          </span>
        )}
      </div>
      <GraphicWalker fields={fields} computation={computation} computationTimeout={60_000} storeRef={store} />
      <p className="muted" style={{ fontSize: '0.8rem' }}>
        Chart builder: <a href="https://github.com/Kanaries/graphic-walker">Graphic Walker</a> (Kanaries), Apache-2.0.
      </p>
    </section>
  );
}
