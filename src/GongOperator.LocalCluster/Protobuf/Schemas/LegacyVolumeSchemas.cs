namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>
/// The deprecated in-tree volume sources of core/v1 VolumeSource (cloud disks, network
/// filesystems), kept so a pod template that names one still round-trips.
/// </summary>
internal static class LegacyVolumeSchemas
{
    private static ProtoMessage LocalRef => CoreSchemas.LocalObjectReference;

    public static readonly ProtoMessage GcePersistentDisk = new ProtoMessage("core.v1.GCEPersistentDiskVolumeSource")
        .Str(1, "pdName", keepZero: true)
        .Str(2, "fsType")
        .I32(3, "partition")
        .Flag(4, "readOnly");

    public static readonly ProtoMessage AwsElasticBlockStore = new ProtoMessage("core.v1.AWSElasticBlockStoreVolumeSource")
        .Str(1, "volumeID", keepZero: true)
        .Str(2, "fsType")
        .I32(3, "partition")
        .Flag(4, "readOnly");

    public static readonly ProtoMessage GitRepo = new ProtoMessage("core.v1.GitRepoVolumeSource")
        .Str(1, "repository", keepZero: true)
        .Str(2, "revision")
        .Str(3, "directory");

    public static readonly ProtoMessage Iscsi = new ProtoMessage("core.v1.ISCSIVolumeSource")
        .Str(1, "targetPortal", keepZero: true)
        .Str(2, "iqn", keepZero: true)
        .I32(3, "lun", keepZero: true)
        .Str(4, "iscsiInterface")
        .Str(5, "fsType")
        .Flag(6, "readOnly")
        .StrList(7, "portals")
        .Flag(8, "chapAuthDiscovery")
        .Flag(11, "chapAuthSession")
        .Nested(10, "secretRef", LocalRef)
        .Str(12, "initiatorName", keepZero: true);

    public static readonly ProtoMessage Glusterfs = new ProtoMessage("core.v1.GlusterfsVolumeSource")
        .Str(1, "endpoints", keepZero: true)
        .Str(2, "path", keepZero: true)
        .Flag(3, "readOnly");

    public static readonly ProtoMessage Rbd = new ProtoMessage("core.v1.RBDVolumeSource")
        .StrList(1, "monitors")
        .Str(2, "image", keepZero: true)
        .Str(3, "fsType")
        .Str(4, "pool")
        .Str(5, "user")
        .Str(6, "keyring")
        .Nested(7, "secretRef", LocalRef)
        .Flag(8, "readOnly");

    public static readonly ProtoMessage FlexVolume = new ProtoMessage("core.v1.FlexVolumeSource")
        .Str(1, "driver", keepZero: true)
        .Str(2, "fsType")
        .Nested(3, "secretRef", LocalRef)
        .Flag(4, "readOnly")
        .StrMap(5, "options");

    public static readonly ProtoMessage Cinder = new ProtoMessage("core.v1.CinderVolumeSource")
        .Str(1, "volumeID", keepZero: true)
        .Str(2, "fsType")
        .Flag(3, "readOnly")
        .Nested(4, "secretRef", LocalRef);

    public static readonly ProtoMessage CephFs = new ProtoMessage("core.v1.CephFSVolumeSource")
        .StrList(1, "monitors")
        .Str(2, "path")
        .Str(3, "user")
        .Str(4, "secretFile")
        .Nested(5, "secretRef", LocalRef)
        .Flag(6, "readOnly");

    public static readonly ProtoMessage Flocker = new ProtoMessage("core.v1.FlockerVolumeSource")
        .Str(1, "datasetName")
        .Str(2, "datasetUUID");

    public static readonly ProtoMessage FibreChannel = new ProtoMessage("core.v1.FCVolumeSource")
        .StrList(1, "targetWWNs")
        .I32(2, "lun", keepZero: true)
        .Str(3, "fsType")
        .Flag(4, "readOnly")
        .StrList(5, "wwids");

    public static readonly ProtoMessage AzureFile = new ProtoMessage("core.v1.AzureFileVolumeSource")
        .Str(1, "secretName", keepZero: true)
        .Str(2, "shareName", keepZero: true)
        .Flag(3, "readOnly");

    public static readonly ProtoMessage VsphereVirtualDisk = new ProtoMessage("core.v1.VsphereVirtualDiskVolumeSource")
        .Str(1, "volumePath", keepZero: true)
        .Str(2, "fsType")
        .Str(3, "storagePolicyName")
        .Str(4, "storagePolicyID");

    public static readonly ProtoMessage Quobyte = new ProtoMessage("core.v1.QuobyteVolumeSource")
        .Str(1, "registry", keepZero: true)
        .Str(2, "volume", keepZero: true)
        .Flag(3, "readOnly")
        .Str(4, "user")
        .Str(5, "group")
        .Str(6, "tenant");

    public static readonly ProtoMessage AzureDisk = new ProtoMessage("core.v1.AzureDiskVolumeSource")
        .Str(1, "diskName", keepZero: true)
        .Str(2, "diskURI", keepZero: true)
        .Str(3, "cachingMode", keepZero: true)
        .Str(4, "fsType", keepZero: true)
        .Flag(5, "readOnly", keepZero: true)
        .Str(6, "kind", keepZero: true);

    public static readonly ProtoMessage PhotonPersistentDisk = new ProtoMessage("core.v1.PhotonPersistentDiskVolumeSource")
        .Str(1, "pdID", keepZero: true)
        .Str(2, "fsType");

    public static readonly ProtoMessage Portworx = new ProtoMessage("core.v1.PortworxVolumeSource")
        .Str(1, "volumeID", keepZero: true)
        .Str(2, "fsType")
        .Flag(3, "readOnly");

    public static readonly ProtoMessage ScaleIo = new ProtoMessage("core.v1.ScaleIOVolumeSource")
        .Str(1, "gateway", keepZero: true)
        .Str(2, "system", keepZero: true)
        .Nested(3, "secretRef", LocalRef)
        .Flag(4, "sslEnabled")
        .Str(5, "protectionDomain")
        .Str(6, "storagePool")
        .Str(7, "storageMode")
        .Str(8, "volumeName")
        .Str(9, "fsType")
        .Flag(10, "readOnly");

    public static readonly ProtoMessage StorageOs = new ProtoMessage("core.v1.StorageOSVolumeSource")
        .Str(1, "volumeName")
        .Str(2, "volumeNamespace")
        .Str(3, "fsType")
        .Flag(4, "readOnly")
        .Nested(5, "secretRef", LocalRef);
}
