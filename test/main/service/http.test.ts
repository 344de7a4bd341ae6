import { WebSocket } from 'ws';
import { startLabServer } from '../../../src-main/server/server';
import { createHttpApi } from '../../../src-renderer/api/http';
import { contractSuite } from './contractSuite';

contractSuite('HTTP + WebSocket (serve, through the renderer’s client)', async (service) => {
  const server = await startLabServer({ service, port: 0 });
  const headers = { authorization: `Bearer ${server.token}`, origin: server.origin };
  const api = createHttpApi({ origin: server.origin, token: server.token, openSocket: (url) => new WebSocket(url, { headers }) });
  await api.ready;
  return {
    api,
    async close() {
      api.close();
      await server.close();
    },
  };
});
