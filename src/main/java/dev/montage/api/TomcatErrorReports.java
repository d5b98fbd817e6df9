package dev.montage.api;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Installs {@link JsonErrorReportValve} as the Host's only error report valve. Spring Boot adds a plain
 * {@link ErrorReportValve} of its own (with {@code server.error.include-stacktrace=never}) and the Host would add
 * another when it starts; this runs after Boot's customizer, takes Boot's out and names ours as the Host's, so the
 * Host adds none.
 */
@Component
class TomcatErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
            for (Valve valve : parent.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                    parent.getPipeline().removeValve(valve);
                }
            }
            parent.getPipeline().addValve(new JsonErrorReportValve());
        });
    }

    /** After Boot's own Tomcat customizer, whose valve this replaces. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
