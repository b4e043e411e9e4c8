interface Props {
  label: string;
  /** 0..1, or undefined for an indeterminate bar. */
  fraction: number | undefined;
  figures: string;
}

export function ProgressBar({ label, fraction, figures }: Props) {
  const value = fraction === undefined ? undefined : Math.max(0, Math.min(1, fraction));
  return (
    <div className="bar">
      <span>{label}</span>
      <progress max={1} value={value} aria-label={`${label}: ${figures}`} />
      <span className="figures" aria-hidden="true">
        {figures}
      </span>
    </div>
  );
}
