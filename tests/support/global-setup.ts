import { buildFixture } from './build-fixture';

/** Builds the shared fixture site once for every build and e2e test. */
export default function setup() {
  buildFixture('site');
}
