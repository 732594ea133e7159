package io.sendense.webapp.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, version 1. Every resource needs an authenticated user (see web.xml). */
@ApplicationPath("/api/v1")
public class ApiApplication extends Application {}
