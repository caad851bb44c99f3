namespace GongOperator.LocalCluster.Tests.Protobuf;

/// <summary>
/// Protobuf request bodies sent by kubectl 1.35.2 for `kubectl create …` (captured from a stub
/// server, base64 of the exact wire bytes), each with the JSON that the same command prints
/// with --dry-run=client -o json (null values removed).
/// </summary>
internal static class KubectlCreateBodies
{
    public static readonly TheoryData<string> Names =
    [
        "Namespace",
        "Deployment",
        "Job",
        "CronJob",
        "SecretGeneric",
        "SecretDockerRegistry",
        "ConfigMap",
        "ServiceAccount",
        "ServiceClusterIp",
        "ServiceNodePort",
        "Role",
        "RoleBinding",
        "ClusterRole",
        "ClusterRoleBinding",
        "ResourceQuota",
        "PodDisruptionBudget",
        "PriorityClass",
        "Ingress",
        "ServiceExternalName",
        "ServiceLoadBalancer",
        "ConfigMapBinary",
        "RoleApps",
        "DeploymentTwoImages",
    ];

    public static (string Command, string Base64, string ExpectedJson) Get(string name) => name switch
    {
        "Namespace" => (
            "kubectl create namespace shop",
            "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEhwKFAoEc2hvcBIAGgAiACoAMgA4AEIAEgAaAgoAGgAiAA==",
            """
            {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"shop"},"spec":{},"status":{}}
            """),
        "Deployment" => (
            "kubectl create deployment web --image=nginx:1.27 --replicas=0 --port=8080 -- /bin/sh -c serve",
            "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EtMBCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEqEBCAASDAoKCgNhcHASA3dlYhqGAQocCgASABoAIgAqADIAOABCAFoKCgNhcHASA3dlYhJmEkgKBW5naW54EgpuZ2lueDoxLjI3GgcvYmluL3NoGgItYxoFc2VydmUqADILCgAQABiQPyIAKgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAIgIKACgAOAAaDAgAEAAYACAAKAA4ABoAIgA=",
            """
            {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.27","command":["/bin/sh","-c","serve"],"ports":[{"containerPort":8080}],"resources":{}}]}},"strategy":{}},"status":{}}
            """),
        "Job" => (
            "kubectl create job once --image=busybox -- echo hi",
            "azhzAAoPCghiYXRjaC92MRIDSm9iEogBChQKBG9uY2USABoAIgAqADIAOABCABJmMmQKEAoAEgAaACIAKgAyADgAQgASUBItCgRvbmNlEgdidXN5Ym94GgRlY2hvGgJoaSoAQgBqAHIAgAEAiAEAkAEAogEAGgVOZXZlcjIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAGgggACgAMAA6ABoAIgA=",
            """
            {"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"once"},"spec":{"template":{"metadata":{},"spec":{"containers":[{"name":"once","image":"busybox","command":["echo","hi"],"resources":{}}],"restartPolicy":"Never"}}},"status":{}}
            """),
        "CronJob" => (
            "kubectl create cronjob nightly --image=busybox --schedule='0 3 * * *' -- date",
            "azhzAAoTCghiYXRjaC92MRIHQ3JvbkpvYhKyAQoXCgduaWdodGx5EgAaACIAKgAyADgAQgASlAEKCTAgMyAqICogKhoAKoQBChcKB25pZ2h0bHkSABoAIgAqADIAOABCABJpMmcKEAoAEgAaACIAKgAyADgAQgASUxIsCgduaWdodGx5EgdidXN5Ym94GgRkYXRlKgBCAGoAcgCAAQCIAQCQAQCiAQAaCU9uRmFpbHVyZTIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAGgAaACIA",
            """
            {"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"nightly"},"spec":{"schedule":"0 3 * * *","jobTemplate":{"metadata":{"name":"nightly"},"spec":{"template":{"metadata":{},"spec":{"containers":[{"name":"nightly","image":"busybox","command":["date"],"resources":{}}],"restartPolicy":"OnFailure"}}}}},"status":{}}
            """),
        "SecretGeneric" => (
            "kubectl create secret generic creds --from-literal=password=s3cret --from-literal=user=admin",
            "azhzAAoMCgJ2MRIGU2VjcmV0EjwKFQoFY3JlZHMSABoAIgAqADIAOABCABISCghwYXNzd29yZBIGczNjcmV0Eg0KBHVzZXISBWFkbWluGgAaACIA",
            """
            {"kind":"Secret","apiVersion":"v1","metadata":{"name":"creds"},"data":{"password":"czNjcmV0","user":"YWRtaW4="}}
            """),
        "SecretDockerRegistry" => (
            "kubectl create secret docker-registry reg --docker-server=r.example --docker-username=u --docker-password=p",
            "azhzAAoMCgJ2MRIGU2VjcmV0EpEBChMKA3JlZxIAGgAiACoAMgA4AEIAEloKES5kb2NrZXJjb25maWdqc29uEkV7ImF1dGhzIjp7InIuZXhhbXBsZSI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAiLCJhdXRoIjoiZFRwdyJ9fX0aHmt1YmVybmV0ZXMuaW8vZG9ja2VyY29uZmlnanNvbhoAIgA=",
            """
            {"kind":"Secret","apiVersion":"v1","metadata":{"name":"reg"},"data":{".dockerconfigjson":"eyJhdXRocyI6eyJyLmV4YW1wbGUiOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19"},"type":"kubernetes.io/dockerconfigjson"}
            """),
        "ConfigMap" => (
            "kubectl create configmap settings --from-literal=a=b",
            "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEiIKGAoIc2V0dGluZ3MSABoAIgAqADIAOABCABIGCgFhEgFiGgAiAA==",
            """
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"settings"},"data":{"a":"b"}}
            """),
        "ServiceAccount" => (
            "kubectl create serviceaccount shop-sa",
            "azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSGQoXCgdzaG9wLXNhEgAaACIAKgAyADgAQgAaACIA",
            """
            {"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"shop-sa"}}
            """),
        "ServiceClusterIp" => (
            "kubectl create service clusterip web --tcp=80:8080",
            "azhzAAoNCgJ2MRIHU2VydmljZRJpCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEkIKGwoHODAtODA4MBIDVENQGFAiBwgAEJA/GgAoABIKCgNhcHASA3dlYhoAIglDbHVzdGVySVA6AEIAUgBaAGAAaAAaAgoAGgAiAA==",
            """
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"web"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}
            """),
        "ServiceNodePort" => (
            "kubectl create service nodeport np --tcp=80:http --node-port=30080",
            "azhzAAoNCgJ2MRIHU2VydmljZRJqCh0KAm5wEgAaACIAKgAyADgAQgBaCQoDYXBwEgJucBJFCiAKBzgwLWh0dHASA1RDUBhQIgoIARAAGgRodHRwKIDrARIJCgNhcHASAm5wGgAiCE5vZGVQb3J0OgBCAFIAWgBgAGgAGgIKABoAIgA=",
            """
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"np","labels":{"app":"np"}},"spec":{"ports":[{"name":"80-http","protocol":"TCP","port":80,"targetPort":"http","nodePort":30080}],"selector":{"app":"np"},"type":"NodePort"},"status":{"loadBalancer":{}}}
            """),
        "Role" => (
            "kubectl create role reader --verb=get,list --resource=configmaps --resource-name=settings",
            "azhzAAokChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgRSb2xlEj0KFgoGcmVhZGVyEgAaACIAKgAyADgAQgASIwoDZ2V0CgRsaXN0EgAaCmNvbmZpZ21hcHMiCHNldHRpbmdzGgAiAA==",
            """
            {"kind":"Role","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"reader"},"rules":[{"verbs":["get","list"],"apiGroups":[""],"resources":["configmaps"],"resourceNames":["settings"]}]}
            """),
        "RoleBinding" => (
            "kubectl create rolebinding reader --role=reader --serviceaccount=shop:shop-sa --user=alice",
            "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtSb2xlQmluZGluZxKSAQoWCgZyZWFkZXISABoAIgAqADIAOABCABIqCgRVc2VyEhlyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvGgVhbGljZSIAEiEKDlNlcnZpY2VBY2NvdW50EgAaB3Nob3Atc2EiBHNob3AaKQoZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxIEUm9sZRoGcmVhZGVyGgAiAA==",
            """
            {"kind":"RoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"reader"},"subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"alice"},{"kind":"ServiceAccount","name":"shop-sa","namespace":"shop"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"reader"}}
            """),
        "ClusterRole" => (
            "kubectl create clusterrole mon --verb=get --non-resource-url=/metrics",
            "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRImChMKA21vbhIAGgAiACoAMgA4AEIAEg8KA2dldCoIL21ldHJpY3MaACIA",
            """
            {"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"mon"},"rules":[{"verbs":["get"],"nonResourceURLs":["/metrics"]}]}
            """),
        "ClusterRoleBinding" => (
            "kubectl create clusterrolebinding mon --clusterrole=mon --group=ops",
            "azhzAAoyChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEhJDbHVzdGVyUm9sZUJpbmRpbmcSbwoTCgNtb24SABoAIgAqADIAOABCABIpCgVHcm91cBIZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxoDb3BzIgAaLQoZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxILQ2x1c3RlclJvbGUaA21vbhoAIgA=",
            """
            {"kind":"ClusterRoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"mon"},"subjects":[{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"ops"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"mon"}}
            """),
        "ResourceQuota" => (
            "kubectl create quota q --hard=pods=2,requests.cpu=500m,requests.memory=1Gi --scopes=NotBestEffort",
            "azhzAAoTCgJ2MRINUmVzb3VyY2VRdW90YRJlChEKAXESABoAIgAqADIAOABCABJOCgsKBHBvZHMSAwoBMgoWCgxyZXF1ZXN0cy5jcHUSBgoENTAwbQoYCg9yZXF1ZXN0cy5tZW1vcnkSBQoDMUdpEg1Ob3RCZXN0RWZmb3J0GgAaACIA",
            """
            {"kind":"ResourceQuota","apiVersion":"v1","metadata":{"name":"q"},"spec":{"hard":{"pods":"2","requests.cpu":"500m","requests.memory":"1Gi"},"scopes":["NotBestEffort"]},"status":{}}
            """),
        "PodDisruptionBudget" => (
            "kubectl create pdb p --selector=app=web --min-available=50%",
            "azhzAAogCglwb2xpY3kvdjESE1BvZERpc3J1cHRpb25CdWRnZXQSOgoRCgFwEgAaACIAKgAyADgAQgASGQoJCAEQABoDNTAlEgwKCgoDYXBwEgN3ZWIaCggAGAAgACgAMAAaACIA",
            """
            {"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"p"},"spec":{"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}}},"status":{"disruptionsAllowed":0,"currentHealthy":0,"desiredHealthy":0,"expectedPods":0}}
            """),
        "PriorityClass" => (
            "kubectl create priorityclass high --value=1000 --global-default=true --description=important --preemption-policy=Never",
            "azhzAAolChRzY2hlZHVsaW5nLms4cy5pby92MRINUHJpb3JpdHlDbGFzcxItChQKBGhpZ2gSABoAIgAqADIAOABCABDoBxgBIglpbXBvcnRhbnQqBU5ldmVyGgAiAA==",
            """
            {"kind":"PriorityClass","apiVersion":"scheduling.k8s.io/v1","metadata":{"name":"high"},"value":1000,"globalDefault":true,"description":"important","preemptionPolicy":"Never"}
            """),
        "Ingress" => (
            "kubectl create ingress i --class=nginx --rule=foo.com/bar=svc1:8080,tls=my-cert --rule=bar.com/*=svc2:http --default-backend=defsvc:80",
            "azhzAAofChRuZXR3b3JraW5nLms4cy5pby92MRIHSW5ncmVzcxKmAQoRCgFpEgAaACIAKgAyADgAQgASjAEKECIOCgZkZWZzdmMSBAoAEFASEgoHZm9vLmNvbRIHbXktY2VydBotCgdmb28uY29tEiIKIAoeCgQvYmFyEg8iDQoEc3ZjMRIFCgAQkD8aBUV4YWN0Gi4KB2Jhci5jb20SIwohCh8KAS8SEiIQCgRzdmMyEggKBGh0dHAQABoGUHJlZml4IgVuZ2lueBoCCgAaACIA",
            """
            {"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"i"},"spec":{"ingressClassName":"nginx","defaultBackend":{"service":{"name":"defsvc","port":{"number":80}}},"tls":[{"hosts":["foo.com"],"secretName":"my-cert"}],"rules":[{"host":"foo.com","http":{"paths":[{"path":"/bar","pathType":"Exact","backend":{"service":{"name":"svc1","port":{"number":8080}}}}]}},{"host":"bar.com","http":{"paths":[{"path":"/","pathType":"Prefix","backend":{"service":{"name":"svc2","port":{"name":"http"}}}}]}}]},"status":{"loadBalancer":{}}}
            """),
        "ServiceExternalName" => (
            "kubectl create service externalname ext --external-name=db.example.com",
            "azhzAAoNCgJ2MRIHU2VydmljZRJdCh8KA2V4dBIAGgAiACoAMgA4AEIAWgoKA2FwcBIDZXh0EjYSCgoDYXBwEgNleHQaACIMRXh0ZXJuYWxOYW1lOgBCAFIOZGIuZXhhbXBsZS5jb21aAGAAaAAaAgoAGgAiAA==",
            """
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"ext","labels":{"app":"ext"}},"spec":{"selector":{"app":"ext"},"type":"ExternalName","externalName":"db.example.com"},"status":{"loadBalancer":{}}}
            """),
        "ServiceLoadBalancer" => (
            "kubectl create service loadbalancer lb --tcp=443:8443",
            "azhzAAoNCgJ2MRIHU2VydmljZRJrCh0KAmxiEgAaACIAKgAyADgAQgBaCQoDYXBwEgJsYhJGCh0KCDQ0My04NDQzEgNUQ1AYuwMiBwgAEPtBGgAoABIJCgNhcHASAmxiGgAiDExvYWRCYWxhbmNlcjoAQgBSAFoAYABoABoCCgAaACIA",
            """
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"lb","labels":{"app":"lb"}},"spec":{"ports":[{"name":"443-8443","protocol":"TCP","port":443,"targetPort":8443}],"selector":{"app":"lb"},"type":"LoadBalancer"},"status":{"loadBalancer":{}}}
            """),
        "ConfigMapBinary" => (
            "kubectl create configmap blobs --from-file=bin.dat --from-literal=mode=fast",
            "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEjYKFQoFYmxvYnMSABoAIgAqADIAOABCABIMCgRtb2RlEgRmYXN0Gg8KB2Jpbi5kYXQSBAABAv8aACIA",
            """
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"blobs"},"data":{"mode":"fast"},"binaryData":{"bin.dat":"AAEC/w=="}}
            """),
        "RoleApps" => (
            "kubectl create role deployer --verb=get,update,patch --resource=deployments.apps,deployments.apps/scale,pods",
            "azhzAAokChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgRSb2xlEnQKGAoIZGVwbG95ZXISABoAIgAqADIAOABCABIcCgNnZXQKBnVwZGF0ZQoFcGF0Y2gSABoEcG9kcxI6CgNnZXQKBnVwZGF0ZQoFcGF0Y2gSBGFwcHMaC2RlcGxveW1lbnRzGhFkZXBsb3ltZW50cy9zY2FsZRoAIgA=",
            """
            {"kind":"Role","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"deployer"},"rules":[{"verbs":["get","update","patch"],"apiGroups":[""],"resources":["pods"]},{"verbs":["get","update","patch"],"apiGroups":["apps"],"resources":["deployments","deployments/scale"]}]}
            """),
        "DeploymentTwoImages" => (
            "kubectl create deployment duo --image=nginx --image=redis",
            "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EtEBCh8KA2R1bxIAGgAiACoAMgA4AEIAWgoKA2FwcBIDZHVvEp8BCAESDAoKCgNhcHASA2R1bxqEAQocCgASABoAIgAqADIAOABCAFoKCgNhcHASA2R1bxJkEiIKBW5naW54EgVuZ2lueCoAQgBqAHIAgAEAiAEAkAEAogEAEiIKBXJlZGlzEgVyZWRpcyoAQgBqAHIAgAEAiAEAkAEAogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBACICCgAoADgAGgwIABAAGAAgACgAOAAaACIA",
            """
            {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"duo","labels":{"app":"duo"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"duo"}},"template":{"metadata":{"labels":{"app":"duo"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}},{"name":"redis","image":"redis","resources":{}}]}},"strategy":{}},"status":{}}
            """),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such recorded body"),
    };
}
