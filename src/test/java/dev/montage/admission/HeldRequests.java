package dev.montage.admission;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A route of the tests' own, {@code /v2/_held}, answered only when the test lets it go: a request that holds its
 * turn for as long as a test needs, through the real filters and the real HTTP server. A functional route, so that
 * it exists only where a test imports this configuration (a controller class would be found by the component scan).
 */
@TestConfiguration
class HeldRequests {

    private volatile CountDownLatch gets = new CountDownLatch(1);
    private volatile CountDownLatch posts = new CountDownLatch(1);
    private final AtomicInteger inside = new AtomicInteger();

    @Bean
    RouterFunction<ServerResponse> heldRoute() {
        return RouterFunctions.route()
                .GET("/v2/_held", request -> answerWhenReleased(gets, "released"))
                .POST("/v2/_held", request -> answerWhenReleased(posts, "posted"))
                .build();
    }

    /** Held GETs answer from now on, and later ones too, until {@link #hold()}. */
    void releaseGets() {
        gets.countDown();
    }

    /** Held POSTs answer from now on, and later ones too, until {@link #hold()}. */
    void releasePosts() {
        posts.countDown();
    }

    void releaseAll() {
        releaseGets();
        releasePosts();
    }

    /** Requests to the route are held again. */
    void hold() {
        gets = new CountDownLatch(1);
        posts = new CountDownLatch(1);
    }

    /** Requests inside the route now, each holding a turn. */
    int inside() {
        return inside.get();
    }

    private ServerResponse answerWhenReleased(CountDownLatch release, String answer) throws InterruptedException {
        inside.incrementAndGet();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released its held request");
            }
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body("{\"data\":\"" + answer + "\"}");
        } finally {
            inside.decrementAndGet();
        }
    }
}
