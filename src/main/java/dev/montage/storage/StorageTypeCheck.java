package dev.montage.storage;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses an unknown {@code montage.storage.type} before any bean exists: otherwise no BlobStore would be made and
 * the start would fail on a missing bean, far from its cause.
 */
@Component
class StorageTypeCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private String type;

    @Override
    public void setEnvironment(Environment environment) {
        this.type = environment.getProperty("montage.storage.type", "local");
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!type.equals("local") && !type.equals("s3")) {
            throw new IllegalArgumentException("montage.storage.type must be 'local' or 's3', not '" + type + "'");
        }
    }
}
