package io.connectionhealth.base;

/** An enum the API spells otherwise than its constants' names (lower case): error messages list that spelling. */
public interface ApiNamed {

    String apiName();
}
