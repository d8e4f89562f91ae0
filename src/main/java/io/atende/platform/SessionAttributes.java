package io.atende.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;

/**
 * How session attributes are written to and read from the database (Spring Session JDBC): Java
 * serialization as Spring Session does by default, except that an attribute this version cannot read
 * (written by an earlier version whose class has since moved or changed) reads as absent instead of
 * failing every request of that browser. The person is then simply asked to sign in again after an
 * upgrade, on every node alike.
 */
@Configuration(proxyBeanMethods = false)
class SessionAttributes implements BeanClassLoaderAware {

    private static final Logger log = LoggerFactory.getLogger(SessionAttributes.class);

    private ClassLoader classLoader = SessionAttributes.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Spring Session JDBC looks this bean up by its name. */
    @Bean("springSessionConversionService")
    ConversionService springSessionConversionService() {
        var deserializer = new DeserializingConverter(classLoader);
        var conversions = new GenericConversionService();
        conversions.addConverter(Object.class, byte[].class, new SerializingConverter());
        conversions.addConverter(byte[].class, Object.class, bytes -> {
            try {
                return deserializer.convert(bytes);
            } catch (RuntimeException unreadable) {
                log.debug("A session attribute written by another version could not be read and is dropped: {}", unreadable.toString());
                return null;
            }
        });
        return conversions;
    }
}
