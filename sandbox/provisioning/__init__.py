"""The stage template made real in moto: synth, intrinsics, resources, stable ids, kept state, seed."""
