package io.sendense.webapp.shell;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/** Turns on CDI-based Faces (injectable FacesContext, EL resolution through CDI). */
@FacesConfig
@ApplicationScoped
public class FacesActivator {}
