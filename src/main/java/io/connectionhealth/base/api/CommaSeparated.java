package io.connectionhealth.base.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a query parameter that takes a comma-separated list, which may as well be given more than once (Spring joins
 * the values with commas); any other parameter given twice is a 400 ({@link KnownQueryParameters}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface CommaSeparated {
}
