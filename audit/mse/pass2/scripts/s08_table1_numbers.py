"""mse Table 1 (line ~529-533): internal comparisons of the printed FID means; NFE bookkeeping."""
T = {63: dict(HeunEDM2=2.28, HeunFlow=2.45, HeunMSE=2.45, HeunML=3.39, EulerFlow=2.81, EulerMSE=2.84, EulerML=4.30),
     255: dict(HeunEDM2=2.26, HeunFlow=2.27, HeunMSE=2.28, HeunML=2.71, EulerFlow=2.34, EulerMSE=2.36, EulerML=2.84)}
for n, r in T.items():
    print(f"NFE {n}: MSE-Flow Heun {r['HeunMSE']-r['HeunFlow']:+.2f} Euler {r['EulerMSE']-r['EulerFlow']:+.2f} | "
          f"ML-Flow Heun {r['HeunML']-r['HeunFlow']:+.2f} Euler {r['EulerML']-r['EulerFlow']:+.2f} | HeunUDSflow-HeunEDM2 {r['HeunFlow']-r['HeunEDM2']:+.2f} | "
          f"rel. MSE-Flow Heun {100*(r['HeunMSE']/r['HeunFlow']-1):.1f}% Euler {100*(r['EulerMSE']/r['EulerFlow']-1):.1f}%")
print("Heun NFE for 32 and 128 noise levels (last step Euler): ", 2*32-1, 2*128-1)
print("EDM2 preset edm2-img512-s-guid-fid comment in generate_images.py: fid = 2.23 (vs Table-1 HeunEDM2 63 NFE: 2.28)")
