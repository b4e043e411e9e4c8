import { useState, type FormEvent } from 'react';
import type { Column, ColumnProfile } from '../../api/types';
import { filterKindOf, isTemporalType, pickListValues, type ColumnFilter } from '../../lib/columnFilters';
import { formatCount, isNumericType } from '../../lib/format';
import { formatProfileValue } from './profileFormat';

interface Props {
  column: Column;
  /** The column's profile; undefined while it loads (or when it could not be read). */
  profile: ColumnProfile | undefined;
  profileLoading: boolean;
  current: ColumnFilter | undefined;
  onApply: (filter: ColumnFilter) => void;
  onClose: () => void;
}

/** The filter of one column: contains for text, min/max for numbers and dates, checkboxes for few values. */
export function FilterEditor({ column, profile, profileLoading, current, onApply, onClose }: Props) {
  const label = column.label || column.name;
  if (profileLoading && !isNumericType(column.type) && !isTemporalType(column.type)) {
    return (
      <section className="card filter-editor" aria-label={`Filter ${label}`}>
        <p className="muted">Loading the values of {label}…</p>
      </section>
    );
  }
  const kind = current?.kind ?? filterKindOf(column, profile);
  const forms: FormProps = { column, profile, current, onApply, onClose };
  return (
    <section
      className="card filter-editor"
      aria-labelledby="filter-editor-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          onClose();
        }
      }}
    >
      <h2 id="filter-editor-title">Filter {label}</h2>
      {kind === 'range' && <RangeForm {...forms} />}
      {kind === 'values' && <ValuesForm {...forms} />}
      {kind === 'contains' && <ContainsForm {...forms} />}
    </section>
  );
}

interface FormProps {
  column: Column;
  profile?: ColumnProfile;
  current: ColumnFilter | undefined;
  onApply: (filter: ColumnFilter) => void;
  onClose: () => void;
}

function Buttons({ onClose, onClear }: { onClose: () => void; onClear: () => void }) {
  return (
    <div className="buttons">
      <button type="submit" className="primary">
        Apply
      </button>
      <button type="button" onClick={onClear}>
        Clear
      </button>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

function RangeForm({ column, profile, current, onApply, onClose }: FormProps) {
  const [min, setMin] = useState(current?.kind === 'range' ? current.min : '');
  const [max, setMax] = useState(current?.kind === 'range' ? current.max : '');
  const input = /^DATE\b/i.test(column.type)
    ? { type: 'date' }
    : /^TIMESTAMP\b/i.test(column.type)
      ? { type: 'datetime-local', step: 1 }
      : { type: 'number', step: 'any' };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ column: column.name, kind: 'range', min, max });
  };
  return (
    <form onSubmit={submit}>
      <div className="fields">
        <label>
          At least
          <input {...input} name="filter-min" autoFocus value={min} onChange={(event) => setMin(event.target.value)} />
        </label>
        <label>
          At most
          <input {...input} name="filter-max" value={max} onChange={(event) => setMax(event.target.value)} />
        </label>
      </div>
      {profile && profile.min !== null && (
        <p className="muted">
          Values run from {formatProfileValue(profile.min)} to {formatProfileValue(profile.max)}; both ends are
          included.
        </p>
      )}
      <Buttons onClose={onClose} onClear={() => onApply({ column: column.name, kind: 'range', min: '', max: '' })} />
    </form>
  );
}

function ValuesForm({ column, profile, current, onApply, onClose }: FormProps) {
  const values = pickListValues(profile) ?? ['true', 'false'];
  const [picked, setPicked] = useState<string[]>(current?.kind === 'values' ? current.values : []);
  const counts = new Map(profile?.topValues.map((top) => [top.value, top.count]) ?? []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ column: column.name, kind: 'values', values: values.filter((value) => picked.includes(value)) });
  };
  return (
    <form onSubmit={submit}>
      <fieldset className="pick-list">
        <legend className="visually-hidden">Keep rows whose {column.label || column.name} is</legend>
        {values.map((value, index) => (
          <label key={value} className="check">
            <input
              type="checkbox"
              name="filter-value"
              value={value}
              autoFocus={index === 0}
              checked={picked.includes(value)}
              onChange={(event) =>
                setPicked((list) => (event.target.checked ? [...list, value] : list.filter((v) => v !== value)))
              }
            />
            {value === '' ? <em>(empty text)</em> : value}
            {counts.has(value) && <span className="muted"> {formatCount(counts.get(value))}</span>}
          </label>
        ))}
      </fieldset>
      <Buttons onClose={onClose} onClear={() => onApply({ column: column.name, kind: 'values', values: [] })} />
    </form>
  );
}

function ContainsForm({ column, current, onApply, onClose }: FormProps) {
  const [text, setText] = useState(current?.kind === 'contains' ? current.text : '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ column: column.name, kind: 'contains', text });
  };
  return (
    <form onSubmit={submit}>
      <div className="fields">
        <label>
          Contains
          <input
            type="text"
            name="filter-text"
            autoFocus
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
      </div>
      <p className="muted">Ignores case; % and _ are ordinary characters.</p>
      <Buttons onClose={onClose} onClear={() => onApply({ column: column.name, kind: 'contains', text: '' })} />
    </form>
  );
}
