import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A server on a free loopback port that answers everything and records every attempt to reach it: each TCP
 * connection, each HTTP request of any method (CORS preflights included), each WebSocket upgrade, and each UDP
 * datagram on the same port (WebTransport/QUIC). `origin` is its http:// origin.
 */
export interface RequestLog {
  origin: string;
  port: number;
  /** What arrived, in order: "TCP", "GET /path", "OPTIONS /path", "UPGRADE /path", "UDP". */
  seen: string[];
  clear(): void;
  close(): Promise<void>;
}

export async function startRequestLog(): Promise<RequestLog> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', '*');
    res.setHeader('access-control-allow-methods', '*');
    res.setHeader('content-type', 'text/plain');
    res.end('logged');
  });
  server.on('connection', () => seen.push('TCP'));
  server.on('upgrade', (req, socket) => {
    seen.push(`UPGRADE ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const udp: Socket = createSocket('udp4');
  udp.on('message', () => seen.push('UDP'));
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(port, '127.0.0.1', () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    seen,
    clear: () => void seen.splice(0),
    close: async () => {
      server.closeAllConnections();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => udp.close(() => r(undefined)))]);
    }
  };
}
