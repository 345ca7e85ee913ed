package dev.restate.patterns.messaging.upload;

/**
 * The address that gets the upload's URL by email.
 *
 * @param email the email address
 */
public record EmailRequest(String email) {}
