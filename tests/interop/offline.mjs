// Imported first by verify.mjs: any attempt to open a connection fails loudly, so a
// library that tries to fetch a context or a key cannot quietly reach the network and
// make a test depend on it.
import net from 'node:net';

function refuse(target) {
  const error = new Error(`the verifier is offline; something tried to reach ${target}`);
  error.code = 'VERIFIER_OFFLINE';
  return error;
}

net.Socket.prototype.connect = function connect(...args) {
  const [first] = args;
  const target = typeof first === 'object' ? (first.host ?? first.path ?? '?') : first;
  throw refuse(target);
};

globalThis.fetch = async function fetch(resource) {
  throw refuse(String(resource?.url ?? resource));
};
