// Imported first by the local entry points: the AWS SDK reads this while its modules load, and its
// Node-version notice is noise on a developer's machine (Lambda itself runs Node 22+).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
