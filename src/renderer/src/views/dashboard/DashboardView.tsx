/** Placeholder until the view is built (see the Dashboards and Cache panel issues). */
export default function DashboardView() {
  return <div className="view-placeholder" data-testid="view-dashboard" />;
}
