package io.minersim.app.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A WebSocket client on a bare socket, for tests and harnesses that must control when (or whether) it reads: the
 * upgrade, masked text frames out, unmasked frames in.
 */
public final class RawWebSocket implements AutoCloseable {
    public final Socket socket;
    public final OutputStream out;
    public final DataInputStream in;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /**
     * Connects to {@code /rpc/v0} on the port and upgrades; {@code receiveBuffer} (bytes, 0 for the default) is set
     * before connecting; {@code extraHeaders} are whole header lines ending in CRLF.
     */
    public static RawWebSocket connect(int port, int receiveBuffer, String extraHeaders) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        RawWebSocket ws = new RawWebSocket(s);
        ws.out.write(("GET /rpc/v0 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + extraHeaders
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        InputStream in = ws.in;
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                s.close();
                throw new IOException("no upgrade: " + head);
            }
            head.append((char) c);
        }
        if (!head.toString().startsWith("HTTP/1.1 101 ")) {
            s.close();
            throw new IOException("no upgrade: " + head);
        }
        return ws;
    }

    /** A client's text frame: masked, as RFC 6455 requires of clients. */
    public static byte[] frame(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(payload.length + 14);
        b.put((byte) 0x81);
        if (payload.length < 126) {
            b.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65536) {
            b.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            b.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        byte[] mask = {7, 1, 3, 9};
        b.put(mask);
        for (int i = 0; i < payload.length; i++) {
            b.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    /** Sends a text frame. */
    public void send(String text) throws IOException {
        out.write(frame(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads one server frame; its opcode (1 for text), or -1 at the end; its payload is skipped. */
    public int skipFrame() throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return -1;
        }
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        in.skipNBytes(len);
        return b0 & 0x0f;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
