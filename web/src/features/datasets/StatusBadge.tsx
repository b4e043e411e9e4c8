export function StatusBadge({ status }: { status: string }) {
  const value = status.toLowerCase();
  return <span className={`status ${value}`}>{value.charAt(0).toUpperCase() + value.slice(1)}</span>;
}
