package dev.gauntlet.network;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Speak TLS as the server over a blocking byte channel, such as the proxy's Unix socket, which has
 * no {@link java.net.Socket} to layer an {@code SSLSocket} on. One thread uses it at a time: the
 * proxy reads a request, then writes the answer.
 */
final class TlsStreams {

  private final SSLEngine engine;
  private final ByteChannel channel;
  private final ByteBuffer netIn;
  private final ByteBuffer netOut;
  private final ByteBuffer appIn;
  private boolean inputClosed;

  TlsStreams(SSLEngine engine, ByteChannel channel) {
    this.engine = engine;
    this.channel = channel;
    int packet = engine.getSession().getPacketBufferSize();
    this.netIn = ByteBuffer.allocate(packet);
    this.netOut = ByteBuffer.allocate(packet);
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    appIn.flip();
  }

  /** Complete the handshake, or fail when the client gives up (e.g. it does not trust the CA). */
  void handshake() throws IOException {
    engine.beginHandshake();
    while (engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
      if (!settle() && !unwrapOnce()) {
        throw new EOFException("the client closed the connection during the TLS handshake");
      }
    }
  }

  /**
   * Run the engine's tasks and send what it needs to send; return false when it waits for the
   * client instead.
   */
  private boolean settle() throws IOException {
    boolean moved = false;
    while (true) {
      switch (engine.getHandshakeStatus()) {
        case NEED_TASK -> {
          Runnable task;
          while ((task = engine.getDelegatedTask()) != null) {
            task.run();
          }
        }
        case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
        default -> {
          return moved;
        }
      }
      moved = true;
    }
  }

  private void wrap(ByteBuffer source) throws IOException {
    do {
      netOut.clear();
      SSLEngineResult result = engine.wrap(source, netOut);
      if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        throw new SSLException("the TLS record does not fit the packet buffer");
      }
      netOut.flip();
      while (netOut.hasRemaining()) {
        channel.write(netOut);
      }
      if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
        return;
      }
    } while (source.hasRemaining());
  }

  /** Unwrap one record into {@code appIn}, reading more as needed; false at the end of input. */
  private boolean unwrapOnce() throws IOException {
    while (true) {
      netIn.flip();
      appIn.compact();
      SSLEngineResult result;
      try {
        result = engine.unwrap(netIn, appIn);
      } finally {
        appIn.flip();
        netIn.compact();
      }
      switch (result.getStatus()) {
        case OK -> {
          return true;
        }
        case CLOSED -> {
          inputClosed = true;
          return false;
        }
        case BUFFER_OVERFLOW -> throw new SSLException("the TLS record does not fit the buffer");
        case BUFFER_UNDERFLOW -> {
          if (channel.read(netIn) < 0) {
            inputClosed = true;
            return false;
          }
        }
      }
    }
  }

  /** Return the decrypted bytes the client sends. */
  InputStream input() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
          return 0;
        }
        while (!appIn.hasRemaining()) {
          if (inputClosed || !unwrapOnce()) {
            return -1;
          }
          settle();
        }
        int n = Math.min(length, appIn.remaining());
        appIn.get(buffer, offset, n);
        return n;
      }
    };
  }

  /** Return a stream whose bytes reach the client encrypted. */
  OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] buffer, int offset, int length) throws IOException {
        wrap(ByteBuffer.wrap(buffer, offset, length));
      }
    };
  }

  /** Send the TLS close notice; the channel itself is closed by its owner. */
  void close() {
    engine.closeOutbound();
    try {
      while (!engine.isOutboundDone()) {
        wrap(ByteBuffer.allocate(0));
      }
    } catch (IOException e) {
      // The client may already be gone; the connection is closed either way.
    }
  }
}
