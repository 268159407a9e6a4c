package dev.gauntlet.agent.model;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Send a model agent's requests straight to its API with the JDK's HTTP client. */
final class HttpClientTransport implements ModelTransport {

  private final HttpClient client;

  HttpClientTransport(Duration connectTimeout) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .build();
  }

  @Override
  public Answer send(Request request) throws IOException, InterruptedException {
    HttpRequest.Builder http =
        HttpRequest.newBuilder(request.uri())
            .timeout(request.timeout())
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      http.header(header.getKey(), header.getValue());
    }
    CompletableFuture<HttpResponse<String>> future =
        client.sendAsync(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      // The request's own timeout ends at the headers; this one covers the body too.
      response = future.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpTimeoutException("no complete answer in time");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("the HTTP client failed: " + cause, cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    }
    return new Answer(response.statusCode(), response.headers(), response.body(), Instant.now());
  }
}
