import { Empty } from '../../ui/Empty';

/** Discovery notes of the project. */
export default function DiscoveryTab({ projectKey }: { projectKey: string }) {
  return <Empty title="Discovery notes">Discovery notes for {projectKey} are being built.</Empty>;
}
