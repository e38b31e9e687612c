/** Placeholder until the view is built (see the Dashboards and Cache panel issues). */
export default function TrendsView() {
  return <div className="view-placeholder" data-testid="view-trends" />;
}
