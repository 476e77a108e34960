import { Suspense, lazy, type ComponentProps } from 'react';

// The error view (SectionMessage and its icons) is loaded only when something fails: the happy path of every
// surface is spared its weight.
const ErrorMessage = lazy(() => import('./ErrorMessage').then((module) => ({ default: module.ErrorMessage })));

export function LazyErrorMessage(props: ComponentProps<typeof ErrorMessage>) {
  return (
    <Suspense fallback={<p role="alert">{props.error.message}</p>}>
      <ErrorMessage {...props} />
    </Suspense>
  );
}
