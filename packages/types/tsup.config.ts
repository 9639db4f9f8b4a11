import { packageConfig } from '../../tsup.base.js';

export default packageConfig({
  // `schema` and `protobuf` are separate entries so that importing the package loads neither zod
  // (~100 ms) nor the protobuf layouts.
  entry: { index: 'src/index.ts', 'schema/index': 'src/schema/index.ts', 'protobuf/index': 'src/protobuf/index.ts' },
});
