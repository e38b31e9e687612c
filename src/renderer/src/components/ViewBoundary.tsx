import { TmsError } from '@shared/errors';
import { Component, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';

interface State {
  error: TmsError | undefined;
}

/** Keeps a rendering failure inside one view: the shell (sidebar, header, switcher) stays usable. */
export class ViewBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: new TmsError('INTERNAL', error instanceof Error ? error.message : String(error)) };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('view failed to render', error, info.componentStack);
  }

  render(): ReactNode {
    if (this.state.error) {
      return <ErrorMessage error={this.state.error} onRetry={() => this.setState({ error: undefined })} />;
    }
    return this.props.children;
  }
}

export function withViewBoundary(View: ComponentType): ComponentType {
  const Wrapped = () => (
    <ViewBoundary>
      <View />
    </ViewBoundary>
  );
  Wrapped.displayName = `WithViewBoundary(${View.displayName ?? View.name})`;
  return Wrapped;
}
