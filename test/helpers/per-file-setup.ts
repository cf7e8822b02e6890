import { metricsRegistry } from '../../src/metrics.ts';

// Runs before each test file. The files of a worker share their modules (isolate: false in
// vitest.config.ts), the metrics registry among them: each file starts from zero, as a new
// server process would, so that a count one file asserts is not raised by another's requests.
metricsRegistry.resetMetrics();
