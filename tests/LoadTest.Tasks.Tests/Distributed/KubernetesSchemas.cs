namespace LoadTest.Tasks.Tests.Distributed;

/// <summary>
/// JSON Schemas the manifests are checked against, kept as code (no test data files to copy): a trimmed
/// openAPIV3Schema of the k6-operator TestRun CRD (k6.io/v1alpha1) and the subset of the Kubernetes ConfigMap and
/// batch/v1 Job schemas the manifests use. Unknown fields are rejected so a typo cannot pass.
/// </summary>
internal static class KubernetesSchemas
{
    private const string Metadata = """
        {
          "type": "object",
          "required": ["name"],
          "additionalProperties": false,
          "properties": {
            "name": { "type": "string", "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "maxLength": 63 },
            "namespace": { "type": "string" },
            "labels": { "type": "object", "additionalProperties": { "type": "string" } }
          }
        }
        """;

    private const string EnvVar = """
        {
          "type": "object",
          "required": ["name"],
          "additionalProperties": false,
          "properties": {
            "name": { "type": "string", "minLength": 1 },
            "value": { "type": "string" },
            "valueFrom": {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "secretKeyRef": {
                  "type": "object", "required": ["key"], "additionalProperties": false,
                  "properties": { "name": { "type": "string" }, "key": { "type": "string" }, "optional": { "type": "boolean" } }
                },
                "fieldRef": {
                  "type": "object", "required": ["fieldPath"], "additionalProperties": false,
                  "properties": { "fieldPath": { "type": "string" }, "apiVersion": { "type": "string" } }
                }
              }
            }
          },
          "not": { "required": ["value", "valueFrom"] }
        }
        """;

    private const string Resources = """
        {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "requests": { "type": "object", "additionalProperties": { "type": ["string", "integer"] } },
            "limits": { "type": "object", "additionalProperties": { "type": ["string", "integer"] } }
          }
        }
        """;

    public const string ConfigMap = $$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["apiVersion", "kind", "metadata"],
          "additionalProperties": false,
          "properties": {
            "apiVersion": { "const": "v1" },
            "kind": { "const": "ConfigMap" },
            "metadata": {{Metadata}},
            "data": { "type": "object", "propertyNames": { "pattern": "^[-._a-zA-Z0-9]+$" }, "additionalProperties": { "type": "string" } }
          }
        }
        """;

    public const string TestRun = $$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["apiVersion", "kind", "metadata", "spec"],
          "additionalProperties": false,
          "properties": {
            "apiVersion": { "const": "k6.io/v1alpha1" },
            "kind": { "const": "TestRun" },
            "metadata": {{Metadata}},
            "spec": {
              "type": "object",
              "required": ["parallelism", "script"],
              "additionalProperties": false,
              "properties": {
                "parallelism": { "type": "integer", "minimum": 1, "maximum": 2147483647 },
                "separate": { "type": "boolean" },
                "arguments": { "type": "string" },
                "quiet": { "type": "string" },
                "cleanup": { "enum": ["post"] },
                "script": {
                  "type": "object",
                  "additionalProperties": false,
                  "properties": {
                    "configMap": {
                      "type": "object", "required": ["name"], "additionalProperties": false,
                      "properties": { "name": { "type": "string" }, "file": { "type": "string" } }
                    },
                    "volumeClaim": { "type": "object" },
                    "localFile": { "type": "string" }
                  }
                },
                "runner": {
                  "type": "object",
                  "additionalProperties": false,
                  "properties": {
                    "image": { "type": "string" },
                    "env": { "type": "array", "items": {{EnvVar}} },
                    "resources": {{Resources}},
                    "serviceAccountName": { "type": "string" },
                    "nodeSelector": { "type": "object", "additionalProperties": { "type": "string" } }
                  }
                }
              }
            }
          }
        }
        """;

    public const string Job = $$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["apiVersion", "kind", "metadata", "spec"],
          "additionalProperties": false,
          "properties": {
            "apiVersion": { "const": "batch/v1" },
            "kind": { "const": "Job" },
            "metadata": {{Metadata}},
            "spec": {
              "type": "object",
              "required": ["template"],
              "additionalProperties": false,
              "properties": {
                "completionMode": { "enum": ["NonIndexed", "Indexed"] },
                "completions": { "type": "integer", "minimum": 0 },
                "parallelism": { "type": "integer", "minimum": 0 },
                "backoffLimit": { "type": "integer", "minimum": 0 },
                "template": {
                  "type": "object",
                  "required": ["spec"],
                  "additionalProperties": false,
                  "properties": {
                    "metadata": { "type": "object", "properties": { "labels": { "type": "object", "additionalProperties": { "type": "string" } } } },
                    "spec": {
                      "type": "object",
                      "required": ["containers", "restartPolicy"],
                      "additionalProperties": false,
                      "properties": {
                        "restartPolicy": { "enum": ["Never", "OnFailure"] },
                        "containers": {
                          "type": "array",
                          "minItems": 1,
                          "items": {
                            "type": "object",
                            "required": ["name", "image"],
                            "additionalProperties": false,
                            "properties": {
                              "name": { "type": "string" },
                              "image": { "type": "string", "minLength": 1 },
                              "command": { "type": "array", "items": { "type": "string" } },
                              "args": { "type": "array", "items": { "type": "string" } },
                              "env": { "type": "array", "items": {{EnvVar}} },
                              "resources": {{Resources}}
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """;
}
