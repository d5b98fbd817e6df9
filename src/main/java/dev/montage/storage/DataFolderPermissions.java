package dev.montage.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code montage.data-dir} owner-only (see {@link OwnerOnlyFiles}). Twice per start: before any bean exists,
 * so the folder is rwx------ before the embedded database opens its file in it, and an installation made by an
 * earlier version (or under a looser umask) is tightened; and once the application has started, for the files H2
 * has just created with the process's umask. While the service runs, files that H2 creates later are still
 * guarded by their owner-only folder.
 */
@Component
class DataFolderPermissions implements BeanFactoryPostProcessor, EnvironmentAware,
        ApplicationListener<ContextRefreshedEvent> {

    private static final Logger log = LoggerFactory.getLogger(DataFolderPermissions.class);

    /** The folder under the data folder where uploads are spooled, by the container and by the ingest. */
    static final String UPLOAD_SPOOL = "tmp";

    private Path dataDir;

    @Override
    public void setEnvironment(Environment environment) {
        this.dataDir = Path.of(environment.getProperty("montage.data-dir", "./data"));
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        try {
            OwnerOnlyFiles.createDirectories(dataDir);
            // the container spools uploads here (spring.servlet.multipart.location), not in a world-readable /tmp
            OwnerOnlyFiles.createDirectories(dataDir.resolve(UPLOAD_SPOOL));
            OwnerOnlyFiles.restrictAll(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make the data folder " + dataDir + " owner-only", e);
        }
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        try {
            OwnerOnlyFiles.restrictAll(dataDir);
        } catch (IOException e) {
            log.warn("Could not make everything under {} owner-only", dataDir, e);
        }
    }
}
