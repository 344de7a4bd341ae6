import { createInProcessApi } from '../../../src-main/service/inProcess';
import { contractSuite } from './contractSuite';

contractSuite('the in-process door', async (service) => ({ api: createInProcessApi(service), close: async () => undefined }));
