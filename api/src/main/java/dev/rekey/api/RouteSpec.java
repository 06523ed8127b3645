package dev.rekey.api;

import dev.rekey.core.Failure;
import dev.rekey.core.Product;

import java.util.List;

/**
 * One row of a product's route table, as its route enum declares it: the action, its parameters, its budget, whether
 * it answers at once or once applied, whether it changes anything (the audit records every attempt at those), and
 * which method of the product's handler {@code H} serves it.
 */
public interface RouteSpec<H> {

    Product product();

    /** The API version the route belongs to: {@code 2018-04-12}, {@code 2015-01-01}, {@code v2}, {@code v1.0}. */
    String version();

    /** The cloud's name of the action: the access line's and the audit log's action. */
    String action();

    List<Param> schema();

    RateLimit rateLimit();

    Mode mode();

    boolean mutates();

    /** Runs the route's handler method on the product's handler. */
    Answer serve(H handler, Call call);

    /** The product's answer to a core failure on this route; an exhaustive switch over the failure, no default. */
    Refusal refusal(Failure failure);

    /** A handler method as the route enum names it, e.g. {@code TencentRedisActions::resetPassword}. */
    @FunctionalInterface
    interface Method<H> {
        Answer serve(H handler, Call call);
    }
}
