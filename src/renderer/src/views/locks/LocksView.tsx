/** Placeholder until the view is built (see the Dashboards and Cache panel issues). */
export default function LocksView() {
  return <div className="view-placeholder" data-testid="view-locks" />;
}
