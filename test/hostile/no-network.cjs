// Preloaded (node --require) into the built CLI by network.test.ts: every way Node.js reaches the
// network (TCP and TLS sockets, UDP, name lookups, fetch, WebSocket) writes a line to stderr and
// ends the process with exit code 99, so a test sees any attempt the CLI makes.
const refuse = (what) => () => {
  process.stderr.write(`network attempt: ${what}\n`);
  process.exit(99);
};
const net = require('node:net');
net.Socket.prototype.connect = refuse('net.Socket.connect');
net.connect = net.createConnection = refuse('net.connect');
require('node:tls').connect = refuse('tls.connect');
require('node:dgram').createSocket = refuse('dgram.createSocket');
const dns = require('node:dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) dns[name] = refuse(`dns.${name}`);
dns.promises.lookup = refuse('dns.promises.lookup');
globalThis.fetch = refuse('fetch');
globalThis.WebSocket = refuse('WebSocket');
