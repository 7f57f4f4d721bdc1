/// Output of `nvidia-smi --query-gpu=name,memory.total,uuid --format=csv,noheader,nounits` as
/// recorded on each kind of machine (UUIDs shortened to keep lines readable).
enum NvidiaSMIFixtures {
    static let h100SXM = """
    NVIDIA H100 80GB HBM3, 81559, GPU-5b3c2a9e-8f41-6d07-1c2e-9a4b7f3d0e61

    """

    static let a100SXM40 = """
    NVIDIA A100-SXM4-40GB, 40960, GPU-0c7e5b21-3d9a-4f8e-b6c1-2a5d8e9f7b30

    """

    static let a100PCIe80 = """
    NVIDIA A100 80GB PCIe, 81920, GPU-9f1d2c3b-4a5e-6f70-8192-a3b4c5d6e7f8

    """

    static let rtx4090 = """
    NVIDIA GeForce RTX 4090, 24564, GPU-3e2d1c0b-9a8f-7e6d-5c4b-3a2918070605

    """

    static let rtxA6000 = """
    NVIDIA RTX A6000, 49140, GPU-7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d

    """

    /// An 8-way HGX H100 node.
    static let hgxH100x8 = """
    NVIDIA H100 80GB HBM3, 81559, GPU-11111111-2222-3333-4444-000000000000
    NVIDIA H100 80GB HBM3, 81559, GPU-11111111-2222-3333-4444-000000000001
    NVIDIA H100 80GB HBM3, 81559, GPU-11111111-2222-3333-4444-000000000002
    NVIDIA H100 80GB HBM3, 81559, GPU-11111111-2222-3333-4444-000000000003
    NVIDIA H100 80GB HBM3, 81559, GPU-11111111-2222-3333-4444-000000000004
    NVIDIA H100 80GB HBM3, 81559, GPU-11111111-2222-3333-4444-000000000005
    NVIDIA H100 80GB HBM3, 81559, GPU-11111111-2222-3333-4444-000000000006
    NVIDIA H100 80GB HBM3, 81559, GPU-11111111-2222-3333-4444-000000000007

    """

    /// A workstation mixing a prosumer and a consumer card.
    static let mixedWorkstation = """
    NVIDIA RTX A6000, 49140, GPU-aaaaaaaa-0000-0000-0000-000000000001
    NVIDIA GeForce RTX 4090, 24564, GPU-aaaaaaaa-0000-0000-0000-000000000002

    """

    /// A GPU that fell off the bus, a header line from the wrong --format, and a truncated line.
    static let malformed = """
    name, memory.total [MiB], uuid
    NVIDIA H100 80GB HBM3, 81559, GPU-22222222-0000-0000-0000-000000000000
    NVIDIA A100-SXM4-40GB, [N/A], GPU-22222222-0000-0000-0000-000000000001
    NVIDIA A100-SXM4-40GB, 40960
    , 40960, GPU-22222222-0000-0000-0000-000000000003
    NVIDIA A100-SXM4-40GB, 40960, 00000000:17:00.0
    Unable to determine the device handle for GPU0000:CA:00.0: Unknown Error

    """

    /// What nvidia-smi prints on a machine whose driver sees no GPU.
    static let noDevices = "No devices were found\n"
}
