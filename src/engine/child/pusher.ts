/**
 * The pusher process: runs a protocol's push side and the pattern driver, and reports
 * round-trip histograms every tick and the sample's counts when it ends.
 */
import { codecFor } from '../codec.js';
import type { ControllerMessage } from '../messages.js';
import { protocolFor } from '../protocols/index.js';
import type { PushSide } from '../protocols/types.js';
import type { Scenario } from '../scenario.js';
import { IntervalRecorder } from '../stats.js';
import type { PusherHist } from './driver.js';
import { SampleDriver } from './driver.js';
import { send, TICK_MS } from './ipc.js';
import { ResourceSampler } from './resources.js';

export function startPusher(): (msg: ControllerMessage) => Promise<void> {
  let scenario: Scenario | undefined;
  let push: PushSide | undefined;
  let driver: SampleDriver | undefined;
  let sample = 0;
  const recorder = new IntervalRecorder<PusherHist>(['rttUs', 'rttUncorrectedUs']);
  const resources = new ResourceSampler();
  const tick = (): void => {
    send({ type: 'tick', role: 'pusher', sample, hist: recorder.flush(), events: driver?.takeAckCount() ?? 0, resources: resources.sample() });
  };
  const ticker = setInterval(tick, TICK_MS);

  return async (msg) => {
    switch (msg.type) {
      case 'init':
        scenario = msg.scenario;
        push = protocolFor(scenario.protocol).createPushSide(scenario);
        return;
      case 'prepare': {
        if (!push) throw new Error('prepare before init');
        const endpoint = await push.prepare({
          onAck: (id, bytes) => driver?.onAck(id, bytes),
          onClose: (id, reason) => driver?.onClose(id, reason),
        });
        send({ type: 'prepared', endpoint });
        return;
      }
      case 'go': {
        if (!push || !scenario) throw new Error('go before init');
        sample = msg.sample;
        driver = new SampleDriver(scenario, codecFor(scenario.encoding), push, recorder);
        const { stats, cycleUs } = await driver.run(msg.clientIds);
        const events = driver.takeAckCount();
        driver = undefined;
        send({ type: 'tick', role: 'pusher', sample, hist: recorder.flush(), events, resources: resources.sample() });
        send({ type: 'sample-done', sample: msg.sample, stats, hist: { cycleUs } });
        return;
      }
      case 'stop':
        clearInterval(ticker);
        resources.stop();
        await push?.close();
        process.exit(0);
        return;
      case 'connect':
      case 'disconnect':
      case 'capacity':
        throw new Error(`pusher got ${msg.type}`);
    }
  };
}
