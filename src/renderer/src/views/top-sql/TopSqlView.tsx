/** Placeholder until the view is built (see the Dashboards and Cache panel issues). */
export default function TopSqlView() {
  return <div className="view-placeholder" data-testid="view-top-sql" />;
}
