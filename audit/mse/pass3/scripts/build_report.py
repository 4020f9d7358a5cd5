"""Writes ../items.json and ../report.md from the item list below (numbers copied from ../out/s*.json)."""
import json, collections

P = "mse-diffusion-flows-beat-diffusions.txt"
I = []
def it(id, loc, lines, statement, check, numbers, finding, notes=""):
    I.append(dict(id=id, location=loc, lines=lines, statement=statement, check=check, numbers=numbers, finding=finding, notes=notes))

# ---------------- Section 2 -----------------
it("M1", "Sec. 2, Eq. (1)", "116 (label 088)", "Ybar_t := X + rr_t^{-1} eps, Zbar_t := alpha_t Ybar_t = alpha_t X + sigma_t eps (rr = ring-rho = alpha/sigma)",
   "numeric alpha/rr - sigma for Normal, Logis, Sech, SechInter on 49 points; lr1 vs finite-difference d lr/dt (s01)",
   "max|alpha/rr - sigma| <= 1.5e-15 (all 4); max rel |lr1 - dlr/dt| <= 8.5e-10; lr increasing for all 4", "holds")
it("M2", "Sec. 2, Eq. (3) and line 102", "129-131 (100-102)", "uhat - u = S (epshat - eps) = -rr S (Xhat - X)",
   "random vectors, eq. (3) definitions (s01)", "residuals 2.0e-16 and 3.1e-16", "holds")
it("M3", "Sec. 2, data target", "131-133 (103-104)", "for u = B Ybar - C X set S := C / rr",
   "substitute X = Ybar - eps/rr (s01)", "|u - ((B-C)Ybar + (C/rr) eps)| = 1.7e-16", "holds", "sign of S immaterial (squared error)")
it("M4", "Sec. 2, line 107", "136-137 (106-107)", "Kingma & Gao (2023): MSE training determined by ring-lambda and weights omega_t = S_t^2 / ring-lambda'_t",
   "K&G loss 1/2 E_t[w(lambda)(-dlambda/dt)||epshat-eps||^2] with lambda_KG = log SNR = 2*ring-lambda, time reversed: S^2 = w * ring-lambda' (analytic)",
   "exact: S^2 = 1/2 * w * 2 ring-lambda'", "holds",
   "Terminology: the paper calls rr = alpha/sigma the 'signal-to-noise ratio' (line 109); in VDM/K&G SNR = alpha^2/sigma^2, so ring-lambda is HALF the log-SNR used by K&G. Needed when transferring K&G constants (see M11).")
it("M5", "Sec. 2, schedules as quantiles", "147-159 (111-124)", "Normal: ring-lambda = Phi^{-1}(t)+0.4; Logis: quantile of standard logistic; Sech: (2/pi) ring-lambda is the hyperbolic-secant quantile",
   "numeric quantile/CDF identities; hyperbolic secant CDF (2/pi) arctan(exp(pi x/2)) (s01)",
   "Normal dev 2.2e-16; Logis 0; Sech |F((2/pi)lr) - t| <= 1.1e-16; sech pdf integrates to 1.0000", "holds")
it("M6", "Sec. 2, Normal schedule used in EDM2", "147-148 (114-115)", "This schedule is used in the EDM2 model",
   "NVlabs/edm2 train_edm2.py presets: P_mean=-0.4, P_std=1.0 for all img512 presets (img64: -0.8, 1.6); ln sigma ~ N(-0.4,1) => lr = -ln sigma ~ N(0.4,1); MC of 2e5 draws (s01)",
   "MC mean/std of lr: 0.403 / 0.999", "external fact", "holds for ImageNet-512 presets (the ones used in Sec. 6); not for EDM2 ImageNet-64 presets.")
it("M7", "Sec. 2, SechInter", "162-165 (126-127)", "ring-lambda = log tan(pi t/2) + (log 16)(t-1), alpha = (1+exp(-2 ring-lambda))^{-1/2}, sigma^2 = 1-alpha^2",
   "alpha/sigma = rr; monotonicity; size of the shift (s01)", "max|alpha/rr-sigma| 1.5e-15; increasing; shift at t=0 is -log16 in ring-lambda = -5.545 in log-SNR (factor 16 in resolution, e.g. 512 vs 32)",
   "holds", "internal consistency holds; that this is the SiD/SiD2 interpolated shifted-cosine schedule is an external fact, undecidable here.")
it("M8", "Sec. 2, F-pred", "179-180 (138)", "F_t = sqrt(4+rr^2) X - rr^2/sqrt(4+rr^2) Y_t, S_t = sqrt(4 rr^{-2} + 1); used in EDM/EDM2",
   "sympy: EDM preconditioning with sigma_data = 0.5, sigma_edm = 1/rr: F = (X - c_skip Y)/c_out; coefficient of eps after X = Y - eps/rr (s01)",
   "F target identical (True); |S|^2 = 4/rr^2 + 1 (True)", "holds", "EDM2 additionally re-weights the loss by a learned exp(-u(sigma)) (MB9).")
it("M9", "Sec. 2, Vel", "183-187 (140-144)", "v_t = alpha' X + sigma' eps = alpha' Ybar - ring-lambda' sigma eps, so S_t = ring-lambda' sigma; (3) yields vhat_t(alpha'_t Ybar_t) = ...",
   "sympy with generic alpha(t), sigma(t); Logis: S = 1/t (s01)", "identity True; max|S - 1/t| = 1.8e-15 (Logis)", "holds as read",
   "Reading: the network input must be alpha_t Ybar_t (= Zbar_t, as in (3)), not alpha'_t Ybar_t; the prime is a typo (same construction in Eq. (2)-(3) uses uhat_t(alpha_t Ybar_t)).")
it("M10", "Sec. 2, VelN", "190-192 (146-148)", "S_t = ring-lambda' sigma exp(-(logit t)^2/4) / ((2pi)^{1/4} sqrt(t(1-t))) from logit-normal time sampling",
   "S^2 / (p_LN(t) S_vel^2) with p_LN the logit-normal(0,1) density (s01)", "max deviation 6.7e-16; integral of p_LN = 1.0000000", "holds",
   "Name inconsistency: 'VelN' (line 190) vs 'VelLN' (line 507).")
it("M11", "Sec. 2, Sigmoid", "195-196 (150-151)", "S_t = sqrt(2 ring-lambda' / (1+exp(2 ring-lambda + 3))), introduced by Kingma & Gao, used in SiD2",
   "K&G weight omega = S^2/ring-lambda' (s01)", "omega = 2/(1+exp(2lr+3)) = 2 sigmoid(-3 - lambda_KG) exactly (dev 4e-16): K&G sigmoid weighting with bias b = -3 in log-SNR units",
   "holds", "that SiD2 uses bias -3 is an external fact not checkable here.")
# ---------------- Section 3 -----------------
it("M12", "Sec. 3, Eqs. (4)-(5)", "217-223 (166-171)", "eps_t = (rho_s/rho_t) eps_s + sqrt(1-rho_s^2/rho_t^2) xi_s; rho_t eps_t = rho_s eps_s + sqrt(rho_t^2-rho_s^2) xi_s; eps_t ~ N(0,I)",
   "algebra; Monte Carlo 4e5 paths on a 12-step grid with rho = rr^0.6 e^t (s02)", "Var(eps_t) = 0.995, 0.999, 1.004 at t_0, t_5, t_12", "holds")
it("M13", "Sec. 3, Eq. (6)", "226-228 (174-175)", "cor(eps_t,j, eps_s,k) = 1(j=k) rho_s/rho_t; V(eps_t,j | eps_s,k) = 1 - 1(j=k) rho_s^2/rho_t^2",
   "MC, adjacent and non-adjacent grid pairs (s02)", "cor (0,1): 0.6576 vs 0.6575; (2,7): 0.2983 vs 0.2988; (0,12): 0.0329 vs 0.0322; cond. var (0,1): 0.5668 vs 0.5677",
   "holds", "also holds for non-adjacent grid points (telescoping).")
it("M14", "Sec. 3, Eqs. (7)-(9) and lines 179-181", "232-240", "Y_t, Z_t have the marginals of Ybar_t, Zbar_t; r_t Y_t = r_s Y_s + (r_t-r_s) X + sqrt(rho_t^2-rho_s^2) xi_s; (rho_t/sigma_t) Z_t = ...",
   "MC residuals of (8), (9); marginal of Y_tN (s02)", "max residual (8) 5.7e-14, (9) 8.5e-14; Y_tN mean/var 0.2982/0.5007 vs 0.3/0.5023", "holds")
it("M15", "Sec. 3, Eq. (10)", "251 (194)", "generator: Yhat_t0 = rr_t0^{-1} eps_t0; r_t Yhat_t = r_s Yhat_s + (r_t-r_s) Xhat_s + sqrt(rho_t^2-rho_s^2) xi_s",
   "definition; start-distribution mismatch Var deficit v*rr_t0^2 relative (s08 set-up)", "EDM2: v/sigma_max^2 = 0.25/6400 = 3.9e-5; Logis t0=1e-3: ~1e-6",
   "holds", "definition; the missing data component at t0 is negligible for the SOTA set-ups (supports line 522 'initial stage should not matter').")
it("M16", "Sec. 3, Eq. (11) and xi*", "258-262 (200-203)", "r_tj Yhat_tj = r_ti Yhat_ti + sum (r_{k+1}-r_k) Xhat_tk + sqrt(rho_tj^2 - rho_ti^2) xi*_ti, xi* ~ N(0,I), Yhat_ti and xi* independent",
   "MC with X in place of Xhat (oracle) (s02)", "Var(xi*) = 1.0023; residual 7.1e-15; corr(xi*, Y_ti) = 0.001; corr(xi*, Y_t(i+1)) = 0.100",
   "holds", "xi* is independent of Yhat_ti but correlated with the intermediate path, hence with the Xhat terms of the sum/integral (relevant to the 'any ODE method' remark, MB11).")
it("M17", "Sec. 3, Eq. (12)", "268-274 (207-215)", "r_t Yhat_t = r_s Yhat_s + int_{r_s}^{r_t} Xhat_r dr + sqrt(rho_t^2-rho_s^2) xi*_s ('new representation')",
   "symbolic route of App. A: d(r Y) = r' Xhat dt + rho sqrt(2 (log rho)') dW, noise variance int (rho^2)' = rho_t^2 - rho_s^2 (s06)", "drift residual 0, noise residual 0 (sympy)",
   "holds", "For rho = const this is exactly the DPM-Solver++ variation-of-constants formula (MB2).")
it("M18", "Sec. 3, UDS Eq. (13)", "276-279 (216-218)", "Yhat_t = q Yhat_s + (1-q) APPROX[E_{q~U(q_st,1)} Xhat_q] + beta_st xi*, q = r_s/r_t, beta_st = rr_t^{-1} sqrt(1-rho_s^2/rho_t^2)",
   "quadrature of (1/r_t) int Xhat dr vs (1-q) mean over U(q,1); noise coefficient (s03)", "2.2817316220117 vs 2.2817316220117; 0.429139 vs 0.429139", "holds")
it("M19", "Sec. 3, Eqs. (14)-(15)", "285-287 (223-224)", "Euler and Heun UDS schemes",
   "exact variance recursion, Gaussian data, exact denoiser, EDM2 grid (s08a); empirical weak order (s10)",
   "Heun order 1.91 (flow) / 1.75 (ML); Euler 0.97 / 0.93", "holds", "in the linear-Gaussian case the stochastic Heun (15) keeps ~2nd weak order.")
it("M20", "Sec. 3, remark 2", "289-294 (228-230)", "EulerUDS is identical to DDPM for reversible diffusions, beta_st = rr_t^{-1} sqrt(1 - rho_s^2/rr_t^2), and to DDIM for beta_st = 0",
   "DDPM ancestral posterior q(z_t|z_s,x=Xhat) and DDIM (eta=0) vs EulerUDS with rho = rr and rho = const, Logis/SechInter/Normal (s03)",
   "max|dZ| <= 6.7e-16 (DDPM) and <= 8.9e-16 (DDIM) for all three schedules", "holds as read",
   "Printed 'rho_s^2/rr_t^2' read as rr_s^2/rr_t^2 (ring lost on rho_s; same loss as 'hat-rho_t/rho_s' in (17), line 342). Holds for DDPM with the posterior variance (beta-tilde), not with DDPM's alternative sigma_t^2 = beta_t.")
it("M21", "Sec. 3, remark 3", "295-300 (231-236)", "DPM-solvers need integration with an exponential weight, which is complicated; DPM-solvers of order 1-3 are RK analogues but an RK4 analogue has not yet been developed",
   "change of variables r = exp(ring-lambda): (12) with rho const equals the DPM-Solver++ data-prediction formula; EulerUDS(flow) = DPM-Solver++(1) (s11)",
   "Eq.(12)(flow) 0.39243576113686 vs DPM-Solver++ 0.39243576113686; EulerUDS 1st order = DPM-Solver++(1): -0.14322039 both",
   "external fact",
   "The 'exponential weight' disappears by the change of variable r = e^lambda, so it is not a substantive complication. Exponential Runge-Kutta methods of order 4 exist in numerical analysis (Hochbruck & Ostermann, 2005) and UniPC provides arbitrary-order exponential-integrator solvers; 'not yet developed' is at least overstated (from general knowledge, not checked here).")
it("M22", "Sec. 3, generation interval", "302-310 (237-245)", "rr_0 = 0, rr_1 = infinity for popular schedules; lambda_t needed only through quotients; main problem: determine lambda' from (rr, S) and [t0, tmax]",
   "limits of the four schedules; (10) uses rho_s/rho_t and r_s/r_t only", "Logis/Sech/SechInter/Normal: rr -> 0 at t->0, -> inf at t->1", "holds")
# ---------------- Section 4 -----------------
it("M23", "Sec. 4.1, transition densities", "321-335 (261-269)", "p_t(z_t|z_s,x) = N(mu_s, sigma_t sqrt(1-rho_s^2/rho_t^2) I) with two expressions of mu_s; same for phat with Xhat/epshat",
   "evaluate both forms of mu_s (s04); transition of (9)", "difference of the two forms -2.2e-16", "holds", "N(m, s I) is written with the standard deviation, not the covariance, as second argument.")
it("M24", "Sec. 4.1, Eq. (16)-(17)", "340-342", "KL = ||mu-muhat||^2/(2 sigma_t^2 (1-rho_s^2/rho_t^2)) = w_s^N ||epshat_s - eps_s||^2, w_s^N = (hat-rho_t/rho_s - rho_s/rho_t)^2 / (2(1-rho_s^2/rho_t^2))",
   "exact joint-Gaussian KL of the N-step paths (d=1, X~N(0.4,0.6), deliberately imperfect linear denoiser, Logis, rho = rr^0.5 e^{0.3t}, N=8) vs the sum of (17)-weights (s04)",
   "sum with ring reading (rr_t/rr_s - rho_s/rho_t): 2.6848; direct KL (MC over 2e4 (z0,x)): 2.6823 +- 0.0061; literal 'rr_t/rho_s' reading: 5.3193",
   "holds as read", "Reading rr_t/rr_s: the ring of the denominator was lost (line 329 prints the same factor as \\dot\\rho_t/\\dot\\rho_s; line 469 defines gamma = rr_t^2/rr_s^2).")
it("M25", "Sec. 4.1, Eqs. (18)-(20)", "347-362", "two KL decompositions; bias B = D[p_{t0,x} || pbar_{t0,t}] does not depend on lambda",
   "analytic: pbar_{t0,t} is conditional on z_t, so B must be read as E log[p_t0(z0|x) p_x(x)/(p_t0(z0) pbar_t(x|z_t))] over the oracle joint; it involves only the pair marginals (Z_t0,X) and (X,Z_t), which do not depend on rho or N",
   "B = I(Z_t0;X) + E log p_x(X)/pbar_t(X|Z_t) (or the prior KL if p_t0 is the generator's N(0,sigma_t0^2))", "holds as read",
   "As printed, D[.||.] compares a distribution of (z_t0,x) with a conditional on z_t; also p_t0(z_t0) is ambiguous (true marginal vs generator start N(0, sigma_t0^2 I) of (10)). Either reading keeps B independent of lambda.")
it("M26", "Prop. 1, Eq. (21) and proof (38)-(39)", "369-371, 757-776", "L^N = sum_i w_{t_i}^N E||epshat_{t_i} - eps||^2",
   "same exact Gaussian computation as M24 (s04)", "2.6848 (formula) vs 2.6823 +- 0.0061 (direct KL)", "holds as read", "with the ring reading of w^N (M24).")
it("M27", "Prop. 2, Eqs. (22)-(23) and proof (40)-(41)", "373-381, 782-796", "L^N = L + O(1/N), L = int (lambda'+ring-lambda')^2/(4 lambda') E||epshat - eps||^2",
   "Logis on [0.15,0.85], Gaussian Bayes error E_t = v rr^2/(1+v rr^2), lambda' in {ML, 0.2 ML, 0.05}; N = 10..160 (s04)",
   "N*(L^N - L): ML 5.01, 4.47, 4.22, 4.10, 4.04; 0.2ML 8.74 ... 7.26; const 0.05: 138 ... 118 (L = 1.495, 2.691, 40.03)",
   "holds", "Rigor: continuity of t -> epshat_t only gives o(1); O(1/N) needs Lipschitz/C^1 dependence. For ML (lambda'=ring-lambda') the weights reduce to VDM: discrete (gamma-1)/2 (0.32653 = 0.32653, s10), continuous ring-lambda'.")
it("M28", "Sec. 4.2, Eq. (24)", "391-394 (291-294)", "(lambda'+rl')^2/(4 lambda') = rl' + chi^2/4, chi^2 = (lambda'-rl')^2/lambda'",
   "numeric identity (s04)", "difference 0.0", "holds", "'well-known chi^2-distance' between two scalars is a loose name.")
it("M29", "Sec. 4.2, Eqs. (25)-(26)", "396-407 (296-327)", "optimal rate for penalized weights: lambda'_c = rl'/sqrt(1+c)",
   "bounded scalar minimisation with rl'=2 (s05)", "c=0: 2.0000 vs 2; c=1: 1.414215 vs 1.414214; c=10: 0.603024 vs 0.603023", "holds")
it("M30", "Sec. 4.2, lines 328-332", "409-413", "c=0: ML-diffusion = reversible diffusion; c -> inf: flow; MSE-diffusion is a trade-off",
   "c=0 gives rho proportional to rr = DDPM posterior (M20); c_- >= 0 for the MSE root (M33)", "see M20, M33", "holds")
# ---------------- Section 5 -----------------
it("M31", "Sec. 5, Eq. (27)", "424 (343-344)", "Mhat(t0,t) = int E S_t^2 ||epshat_t(Ybar_t) - eps_t||^2 dt = int E||uhat - u||^2 dt",
   "follows from M2", "-", "holds")
it("M32", "Sec. 5, coherence principle (28) vs 'unique MSE-diffusion' (abstract line 44, Sec. 1 line 91)", "426-432, 44, 91", "There exist a constant M such that L(t0,t) = M Mhat(t0,t) for all t; ... yields a unique MSE-diffusion",
   "coherence ratio L/Mhat over t in [0.05,0.95] for Logis/Vel with M' = M, 3M, 100M using (30) with M' (s05)",
   "ratio constant = 19.0000 (M), 57.0000 (3M), 1900.000 (100M); rate -> 0 (flow) as M' -> inf",
   "inconsistent", "The principle is satisfied by a one-parameter family (any M' >= max rl'/S^2); uniqueness only follows after Prop. 3 fixes M to the smallest admissible value, a choice not motivated in the text.")
it("M33", "Prop. 3, Eqs. (29)-(30) and proof (42)-(43)", "438-446, 802-814", "M := max rl'/S^2; coherence holds with M iff lambda'_{t,c} = (sqrt(M S_t) - sqrt(M S_t^2 - rl'_t))^2",
   "coherence ratio on a 20001-point grid; both roots; literal vs restored radical; root product; penalty constants (s05)",
   "restored (sqrt(M) S_t - sqrt(M S_t^2 - rl'))^2: L/Mhat in [18.999999999998, 19.0000000000001] (M = 19); literal sqrt(M S_t): ratio 1.29 .. 52164 (not coherent); other root beta_+: ratio 19.000 (also coherent); pointwise mixture of roots: 19.000; beta_- beta_+ = rl'^2 (rel. err 3.6e-13); min c_- = 0, max c_+ = 0",
   "holds as read",
   "Reading: radical covers M only (sqrt(M) S_t): the proof sets s^2 = M S_t^2 (42) and the Example (line 454) gives (sqrt(M) - ...)^2/t^2. 'iff' holds only inside the penalized family c >= 0 (lambda' <= rl'), which the subscript c in (28) implies; the other root beta_+ is coherent too. At t* = argmax rl'/S^2 the MSE-diffusion equals the ML-diffusion (ratio 1.0 at t_max for Logis/Vel).")
it("M34", "Sec. 5, Example", "449-454 (362-366)", "Logis/Vel: rl' = 1/(t(1-t)), S = 1/t, M = t_max/(1-t_max), lambda'_check = (sqrt(M) - sqrt(M - t/(1-t)))^2/t^2",
   "numeric M over grid and comparison with (30) (s05)", "M numeric 19.0000 vs 19 (t_max=0.95); max dev from (30) 1.2e-13", "holds")
it("M35", "Sec. 5, Example 'compact form'", "456-458 (367-369)", "compact form for lambda'_check: -log(t/(1-t)) - log((1+g)/(1-g)) + 2 t_max/(1-t_max) (1-t)/t (g-1) + const",
   "finite-difference derivative of the RHS vs lambda'_check at t = 0.1..0.9, t_max = 0.95 (s05)",
   "d/dt(RHS)/lambda'_check = 1.00000000 +- 2e-8 at 9 points; RHS/lambda'_check = -327 ... -2.9",
   "holds as read", "The RHS is the antiderivative lambda_check_t (note '+ const'), not lambda'_check_t: the prime is a typo.")
it("M36", "Sec. 5, discrete time, eta and eps recursion", "460-465 (378-382)", "eta_st = sqrt(1-rho_s^2/rho_t^2) = rr_t beta_st; eps_t = sqrt(1-eta^2) eps_s + eta xi_s",
   "direct from (4) and the definition of beta_st", "-", "holds")
it("M37", "Sec. 5, line 384", "469 (384)", "w_t^N(eta) = (1/eta^2)(sqrt(gamma) - sqrt(1-eta^2))^2, gamma = rr_t^2/rr_s^2",
   "compare with (17) rewritten in eta (s05)", "at gamma=1.3, eta=0.3: printed 0.3854 vs (17) 0.1927; min of (17)-version = 0.15 = (gamma-1)/2, which is what line 388's M uses",
   "inconsistent", "Factor 1/2 missing relative to (17) and to the M of line 388 ((gamma-1)/(2 S^2)). With the 1/2 everything in lines 386-388 is consistent.")
it("M38", "Sec. 5, line 386", "473 (386)", "argmin_eta w_t^2(eta) = sqrt(1 - gamma^{-1})",
   "grid minimisation (s05)", "0.480384 vs 0.480384 (gamma=1.3)", "holds as read", "'w_t^2' read as w_t^N; the minimiser is the ML (reversible) eta.")
it("M39", "Sec. 5, line 388", "477 (388)", "eta_check = (gamma-1)/(sqrt(2 M S^2 gamma) + sqrt(2 M S^2 + 1 - gamma)), M := max_t (gamma_st - 1)/(2 S_t^2)",
   "roots of w(eta) = M S^2 (with the 1/2 of (17)) by bracketing (s05)", "m=0.2: 0.2892018 vs roots {0.2892018, 0.741}; m=0.5: 0.1517577 vs {0.1517577, 0.988}; m=3: 0.0579115 vs {0.0579115}",
   "holds", "Formula picks the smaller root (c>=0 analogue). Max index set should be t_1..t_N (gamma needs s = t - dt). On a uniform grid discrete M ~ dt * M_cont (ratio 1.042, Logis/Vel, 250 steps); on non-uniform grids the two definitions diverge (MB5).")
it("M40", "Sec. 5, line 390", "479-480 (389-390)", "approximation 2 dt lambda'_t ~ eta^2_{t-dt,t}",
   "Logis grid, 250 steps, t in [0.05,0.95] (s05)", "ML: 0.0860 vs 0.0883, 0.0284 vs 0.0288, 0.0892 vs 0.0952; MSE: 1.19e-4 vs 1.15e-4, 3.84e-4 vs 3.95e-4, 0.0196 vs 0.0207",
   "holds", "2-7% accuracy on this grid; on the non-uniform EDM2 grid there is no single dt.")
# ---------------- Section 6 -----------------
it("M41", "Sec. 6, DiT", "496-501 (409-412)", "The original DiT employed the noise schedule, parameterization and generator from DDPM ... initially a reversible diffusion ML(Logis) generator from DDPM was used (DiT)",
   "compare the two sentences", "-", "inconsistent", "DiT's schedule is DDPM's linear-beta schedule (as the paper's own line 409-410 says), not Logis; DiT also learns the variance (learn_sigma, iDDPM-style), so its generator is not exactly the fixed-variance ML diffusion (external knowledge).")
it("M42", "Sec. 6, SiT/REPA/REPA-E generator", "500-501 (412-413)", "then a limited diffusion REPA(Logis) generator defined by lambda'_t = 1/(2t) was adopted (SiT, REPA, REPA-E)",
   "public code: REPA samplers.py compute_diffusion(t)=2t with t_R = sigma, noise sqrt(2 t_R |dt|); SiT train_utils default --diffusion-form sigma, integrator noise sqrt(2*diffusion*dt). Paper family in Z-space has g^2 = 2 lambda' sigma^2 (from (35), s06) => lambda' = 1/sigma = 1/(1-t) (s07)",
   "lambda'/ML at t=0.05,0.25,0.5,0.75,0.95: code 0.05,0.25,0.5,0.75,0.95; printed 1/(2t): 0.475,0.375,0.25,0.125,0.025. beta at t~0.5/0.9/last: code 0.130/0.0296/0.0171, printed 0.096/0.0071/0.0026, ML 0.187/0.0311/0.0174",
   "fails", "External evidence (stored REPA and SiT code). The printed rate has the opposite time profile (largest at the noise end). SiT/REPA SDE also stops at t = 0.96 (last_step_size 0.04, 'Mean' last step), a relevant t_max (MB4).")
it("M43", "Sec. 6, RAE and Fig. 1 caption", "501-502 (414), 527", "finally a deterministic flow emerged (RAE); generators operate on a uniform grid, with default settings of 250 steps for RAE and LightningDiT",
   "stored bytetriper/RAE configs/training/ImageNet256/DiTDH-XL_DINOv2-B.yaml and stage2/transport/integrators.py",
   "sampler mode ODE, euler, num_steps 50; time_dist_shift_dim 196608, base 4096 -> shift sqrt(48) = 6.93, applied to training times and to the sampling grid t = s u/(1+(s-1)u)",
   "external fact", "Flow: consistent. '250 steps', 'uniform grid' and plain Logis schedule are contradicted by this stored snapshot (it may differ from the release the authors used). LightningDiT settings not available here.")
it("M44", "Sec. 6, other DiT models", "503-509 (416-421)", "LightningDiT, SD3, PixArt generate flows; SD3 and LightningDiT use Logis + VelLN; PixArt beta-linear schedule + Noise",
   "general knowledge only", "-", "undecidable here", "SD3: rectified flow with logit-normal(0,1) time sampling and a shifted sampling schedule (consistent with Logis+VelN modulo shift). LightningDiT/PixArt settings would need their configs.")
it("M45", "Sec. 6, ADM", "511-513 (422-424)", "ADM operated with the Sech noise schedule and Noise parameterization and used the DDPM generator",
   "stored guided-diffusion sampling flags (several repos quoting the official README)", "ImageNet 128/256 (and LSUN) models: --noise_schedule linear --learn_sigma True; cosine only for the 64x64 model",
   "external fact", "Partly contradicted: Sech (cosine) only at 64x64; learned variances.")
it("M46", "Sec. 6, EDM/EDM2 generate flows", "514-516 (425-427)", "EDM and EDM2 ... use Normal schedule, F-pred parameterization, and generate flows",
   "stored NVlabs/edm README (quoted in several repos) and NVlabs/edm2 generate_images.py", "EDM: 'For ImageNet at 64x64, use stochastic sampling with 256 steps (NFE = 511) --S_churn=40 --S_min=0.05 --S_max=50 --S_noise=1.003'; EDM2 edm_sampler default S_churn=0 (flow), 32 steps",
   "external fact", "Fails for EDM's ImageNet result (stochastic sampler); holds for EDM2. EDM uses P_mean=-1.2, P_std=1.2, not the 'Normal' schedule with 0.4 (EDM2 only).")
it("M47", "Sec. 6, SiD/SiD2", "516-520 (428-431)", "SiD, SiD2 use SechInter with noise/sigmoid param, generate reversible diffusion (approx.), not publicly available",
   "-", "-", "undecidable here", "needs the SiD2 paper.")
it("M48", "Sec. 6, 'MSE-diffusion close to zero except at the initial stage'", "522", "MSE-diffusion is close to zero for all models except at the initial stage of generation, which should not matter",
   "recompute beta_{t-dt,t} from (30) for the four set-ups under stated grids (s07)",
   "first-step beta_MSE: EDM2 0.0072; Logis/Vel 0.57 (t_max .996); VelN 4.9; SiD2-like 1.05; ML first-step beta: 36.7 (EDM2), 195 (Logis), 2239 (SechInter)",
   "holds as read", "Large early values are an artifact of the Y-scale (factor rr_t^{-1}); in Z-units the fresh-noise fraction eta_MSE at the first step is tiny (e.g. 0.57 * rr(0.005) ~ 0.003). Results depend on t0/t_max (MB4).")
it("M49", "Sec. 6, 'below 1% ... except EDM2 where it remains at 5%'", "522", "In the later stages of generation the diffusion size is below 1% in all models, with the exception of EDM2, where it remains at 5% of the image size",
   "max beta_MSE over the 2nd half of the steps, continuous (30) vs discrete (line 388), several t_max (s07, s07b)",
   "continuous: EDM2 7.1e-4 (32 steps), Logis/Vel 0.0187/0.0056/0.0028 (t_max .96/.996/.999), VelN 6.7e-4/1.5e-3/3.3e-4, SiD2-like 1.6e-3/8.6e-4/8.9e-5. Discrete line 388 on EDM2 32-step grid: 0.052-0.091 for steps 1-23 (max 0.091 at step 18); with step length included: <= 0.022",
   "inconsistent", "'5%' for EDM2 is reproduced only by the discrete definition (absolute latent units; EDM2 sigma_data = 0.5), while the paper's continuous Prop. 3 gives <= 0.07%. 'Below 1%' for Logis/Vel needs t_max >~ 0.99 (fails at SiT/REPA's 0.96). 'Image size' is undefined (latent scales differ per model). Which definition/t_max produced Fig. 1 is not stated.")
it("M50", "Sec. 6 / Table 1 text", "522", "As expected the MSE-diffusion performs nearly like a flow, whereas HeunUDS (15) in the flow version performs worse than HeunEDM2 - likely due to the EDM2 non-uniform time grid",
   "Table arithmetic (s10); exact-denoiser toy on the same EDM2 grid (s08)",
   "Table: MSE-Flow = 0.00, 0.01, 0.03, 0.02; HeunUDS flow - HeunEDM2 = +0.17 (NFE63), +0.01 (NFE255). Toy (exact denoiser, same grid): GMM W1 EDM-Heun 0.00381 vs HeunUDS-flow 0.00483; Gaussian var. error +3.2% vs -3.4%",
   "undecidable here", "First half consistent with the table. Both solvers use the same grid, so the gap is an integrator-grid interaction (trapezoid in r vs Heun in sigma), reproduced even with an exact denoiser; attribution to the grid is plausible but untested (an ablation with a grid tuned for UDS would decide).")
it("M51", "Table 1 and caption", "529-534", "FID table; 'leaving all settings unchanged'; FID computed 5 times, mean reported",
   "internal arithmetic; NFE vs steps; EDM2 reference value (edm2 generate_images.py preset comment) (s10)",
   "Heun NFE 63 = 2*32-1, 255 = 2*128-1; ML - Flow = +0.94, +0.44, +1.49, +0.50; HeunEDM2 NFE63 2.28 vs EDM2 preset 'edm2-img512-s-guid-fid' comment fid = 2.23",
   "inconsistent", "Minor: NFE 255 (128 steps) and Euler at NFE 63/255 require changing the default 32-step grid, so not 'all settings unchanged'; no spread reported, so MSE-vs-Flow differences of 0.00-0.03 are not resolvable; the 0.05 gap to the published 2.23 is unexplained.")
it("M52", "Fig. 1", "527", "FIDs in parentheses and plotted diffusion sizes", "figure not in the text extraction", "-", "undecidable here", "EDM2 32 steps agrees with edm2 edm_sampler num_steps=32.")
# ---------------- Appendix -----------------
it("M53", "App. A, Eq. (31)", "696-703", "Yhat_t - Yhat_s = ((r_s - r_t)/dt Yhat_s + (r_t - r_s)/dt Xhat_s) dt + rr_t^{-1} sqrt((rho_t^2-rho_s^2)/(dt rho_t^2)) sqrt(dt) xi*",
   "evaluate vs (10) at a test point (s06)", "true increment 0.09694; printed 0.11838; with 1/r_t: 0.09694 (r_t = 0.716); noise term = beta (0.34478 both)",
   "inconsistent", "Factor 1/r_t missing in the drift; (32) (which divides by r_t) shows the intended form.")
it("M54", "App. A, Eq. (32)", "711", "(r_t-r_s)/(dt r_t) = (log r)'(1+delta1), (rho_t-rho_s)(rho_t+rho_s)/(dt rho_t^2) = 2(log rho)'(1+delta2), |delta| = O(1/N)",
   "sympy series (s06)", "remainders -h r''/(2r) and -h (p p'' + p'^2)/p^2, i.e. O(h)", "holds")
it("M55", "App. A, Eq. (33)", "719", "... + O_P(dt)", "order comparison", "drift term itself is O(dt); remainder from switching s->t is O_P(dt^{3/2})", "inconsistent", "A remainder O_P(dt) is as large as the drift; should be o_P(dt) (e.g. O_P(dt^{3/2})).")
it("M56", "App. A, Eqs. (34)-(35)", "729-733", "dY = (log r)'(Xhat - Y) dt + rr^{-1} sqrt(2 (log rho)') dW = (lambda'+rl')(Xhat-Y) dt + rr^{-1} sqrt(2 lambda') dW",
   "(log r)' = lambda' + rl'; marginal preservation for Gaussian data for every lambda' (variance ODE, sympy) (s06)", "variance-ODE residual 0 for all lambda'", "holds",
   "In Z-space the noise is sigma sqrt(2 lambda'), i.e. EDM's beta(t) = lambda'_t (MB1).")
it("M57", "App. A, Eq. (36)", "737", "= rr^{-1}(lambda'+rl') epshat dt + rr^{-1} sqrt(2 lambda') dW",
   "Xhat - Y = -rr^{-1} epshat from (3) (sympy, s06)", "Xhat - Y = -epshat/rr", "fails", "Sign: should be -rr^{-1}(lambda'+rl') epshat dt (could be a lost minus in extraction).")
it("M58", "App. A, Eq. (37) and closing", "741-755", "substituting Ytilde = (r_t/r_s) Yhat: r_s dYtilde = r' Xhat dt + rho sqrt(2(log rho)') dW; integrating gives (12)",
   "Ito product rule with deterministic r (sympy, s06)", "drift residual 0; noise-variance residual 0", "holds")
it("M59", "Proof of Prop. 2, index map", "788 (648)", "t^N(tau) := min{t_i : tau >= t_i}",
   "evaluate on a grid (s10)", "tau = 0.53, grid 0.1..0.9: printed gives 0.1 (= t_0 always); intended max gives 0.5", "fails", "typo: max instead of min.")
it("M60", "Remarks 1-3", "536", "(23) equivalent to KLUB of Sabour et al. (2024); generalizes Kingma et al. (2021)/Song et al. (2021b); natural scale lambda + rl; rr, rho positive on the closed generation interval",
   "ML case vs VDM (s10); natural scale = log r_t appears in (35)", "VDM weights recovered exactly (M27)", "holds as read",
   "KLUB equivalence not checkable here (undecidable); the rest holds.")
it("M61", "Abstract/Intro claims on Ho et al. and Kingma & Gao", "31-38, 69-77", "Ho et al. derived the KL as time-weighted MSE and found that omitting the weights improved performance",
   "general knowledge (L_simple of DDPM)", "-", "external fact", "consistent with the DDPM paper as commonly reported; not re-checked here.")

# ---------------- Beyond (referee additions) -----------------
it("MB1", "Secs. 1, 3, 4 ('broader class of diffusion processes')", "41-42, 60-63, 276-294", "a broader class of (not necessarily reversible) diffusion processes parameterized by a noise schedule and a diffusion size that share the same marginals",
   "EulerUDS with general rho vs DDIM's generalized update z_t = alpha_t Xhat + sqrt(sigma_t^2 - s_eta^2) epshat + s_eta xi with s_eta = sigma_t eta_st (s03); continuous case vs reverse-SDE family g^2 = 2 lambda' sigma^2 (s06)",
   "max|dZ| <= 4.4e-16 (Logis, SechInter, Normal); variance-ODE residual 0 for all lambda'",
   "external fact", "The class is exactly DDIM's sigma/eta family (Song et al. 2021a) in discrete time and EDM's beta(t) family (Karras et al. 2022, Eq. 6) in continuous time, with the dictionary lambda'_t = beta_EDM(t). The paper does not state this; the novelty claim should be narrowed.")
it("MB2", "Abstract (2), Sec. 3 ('novel representation')", "50-54, 207-215", "novel representation of the diffusion state ... offers the advantages of DPM-solvers while enabling classical ODE methods",
   "change of variable r = e^{ring-lambda} (s11)", "Eq. (12) (flow) = DPM-Solver++ exact formula to 1e-16; EulerUDS(flow) = DPM-Solver++(1) = DDIM",
   "holds", "Correct but not new for flows: it is DPM-Solver++'s variation-of-constants formula written in the variable r; with noise it is the SDE-DPM-Solver++/extended-SDE (Cui et al. 2025) representation. HeunUDS is the trapezoid rule in r.")
it("MB3", "Prop. 3 (new closed form)", "438-446", "structure of the MSE-diffusion",
   "derive lambda'_MSE/rl' = kappa/(1+sqrt(1-kappa))^2 with kappa_t = omega_min/omega_t, omega = S^2/rl' (K&G weight) (s05)",
   "max deviation from (30): 7.8e-16; ratio in [kappa/4, kappa]", "holds",
   "The MSE-diffusion depends only on the Kingma-Gao weight relative to its minimum over [t0, t_max]; it equals ML where the weight is minimal and is ~kappa/4 of ML elsewhere. This makes 'nearly flow' equivalent to 'the K&G weight at t has ratio kappa << 1 to its minimum'.")
it("MB4", "Unstated t0 / t_max (Sec. 3 generation interval; Sec. 5 lines 336-340; Sec. 6)", "302-310, 418-421, 522", "MSE-diffusion is nearly a flow for SOTA models",
   "lambda'_MSE/ML at fixed t as a function of t_max (Logis/Vel, s05); argmax location for VelN (s07)",
   "at t=0.5: 0.0294 (t_max .9), 0.0106 (.96), 0.00254 (.99), 0.00101 (.996), 2.5e-4 (.999), 2.5e-5 (.9999) (~ (1-t_max)); VelN with t0=1e-3, t_max=.96: M attained at t0, MSE=ML at the first step (beta 79.5 vs ML 200.8)",
   "undecidable here", "Because M is a max over the interval, the MSE-diffusion everywhere is set by the endpoint behaviour; as t_max -> 1 it tends to a flow for every t. The paper never states t0/t_max for Fig. 1; the conclusion is partly an artifact of how close t_max is to 1. This also sits awkwardly with the motivation that optimality should survive changes of t_max (lines 336-340). Deciding needs the authors' t0/t_max.")
it("MB5", "Discrete vs continuous definitions (line 388 vs Eq. (30)) on non-uniform grids", "477, 522, 527", "diffusion sizes for EDM2 on its 32-step non-uniform grid",
   "per-step beta for EDM2 32 steps: continuous (30), discrete line 388, discrete with per-step MSE weight S^2 dt_i (s07b)",
   "beta (absolute latent units) steps 1/10/18/25/31: continuous 0.0072/0.00025/0.00004/0.00002/0.00071; line 388: 0.0518/0.0690/0.0910/0.0260/0.0018; with dt: 0.0216/0.0008/0.00013/0.00006/0.0018; ML: 36.7/6.40/0.80/0.060/0.0018",
   "inconsistent", "Line 388's M = max (gamma-1)/(2 S^2) silently assumes equal steps (it is ~dt*M_cont only on uniform grids). On EDM2's grid it is a different 'MSE' (time density ~1/dt_i) and differs from Prop. 3 by 1-3 orders of magnitude. The EDM2 'MSE' column of Table 1 therefore depends on which definition was implemented.")
it("MB6", "Causal claim (abstract lines 47-49; conclusion line 538)", "47-49, 538", "flows beat reversible diffusions because training of SOTA models is an implementation of KL minimization for MSE-diffusions",
   "Prop. 2 loss for a fixed Bayes-optimal denoiser, Logis/Vel on [0.05,0.95], Gaussian data (s09/s10); weight limit lambda'->0 (s04)",
   "L_MSE/L_ML = 13.68/2.26 = 6.06 (v=0.25), 27.85/2.94 = 9.46 (v=1); wbar = (lambda'+1)^2/(4 lambda') = 25.5, 2500, 2.5e5 for lambda' = 1e-2, 1e-4, 1e-6 (flow: infinite)",
   "undecidable here", "For a given denoiser the KL bound is smallest for ML and infinite for flows, so KL does not rank flows first; the argument rests only on coherence of weights. The paper shows correlation (Table 1), not the causal mechanism.")
it("MB7", "Table 1 as evidence", "529-534", "Flow ~ MSE < ML ordering supports the theory",
   "exact (Bayes) denoiser, no training at all, EDM2 grid (sigma 80 -> 0.002, rho=7): Gaussian N(0,0.25) exact variance recursion; 1-D two-Gaussian mixture, 4e5 samples, W1 to target (s08)",
   "Gaussian rel. variance error Heun63: Flow -3.40%, MSEc -3.40%, MSEd -3.92%, ML -10.5%, EDM-Heun +3.16%; Heun255: -0.23/-0.23/-0.29/-0.89%; Euler63: -8.76/-8.76/-9.44/-17.1%. GMM W1 Heun63: Flow 0.00483, MSEc 0.00484, MSEd 0.00474, ML 0.00658, EDM-Heun 0.00381 (MC floor 0.00045); Euler63: Flow 0.01217, ML 0.01153",
   "undecidable here", "The Heun ordering of Table 1 (Flow ~ MSE < ML, EDM-Heun best at low NFE) appears from discretization error alone with a perfect denoiser, where no training/coherence mechanism exists. Table 1 therefore does not separate the paper's explanation from plain solver error; an exact-denoiser or step-count ablation would be needed.")
it("MB8", "MSE-diffusion at the end of generation", "438-446, 522", "MSE-diffusions are nearly flows",
   "fresh-noise fraction eta of the last step, continuous (30) (s07)", "eta_MSE / eta_ML last step: EDM2 0.355/0.883; Logis/Vel(t_max .996) 0.619/0.867; SiD2-like 0.523/0.867",
   "holds as read", "At t* = argmax rl'/S^2 (= t_max here) the MSE-diffusion coincides with ML (c = 0). beta is small late only because of the rr_t^{-1} Y-scale; measured by eta the MSE-diffusion is far from a flow in the last steps.")
it("MB9", "EDM2 training weights and guided denoiser", "179-180, 514-516, 522, 534", "EDM2 uses F-pred; Table 1 run with 'version S with CFG'",
   "NVlabs/edm2 training_loop.py EDM2Loss and generate_images.py presets", "loss = (weight/exp(logvar)) ||D - x||^2 + logvar (learned per-sigma u(sigma)); 'edm2-img512-s-guid-fid' uses gnet = XS unconditional model, guidance 1.40",
   "external fact", "Effective S_t^2 = S_Fpred^2 exp(-u(sigma)), so M and the MSE-diffusion for EDM2 differ from the F-pred values used in the paper (size undecidable without the checkpoint). The guided denoiser is a lerp of two separately trained networks, not an MSE minimiser of any single weighted objective, so Table 1 sits outside Prop. 3's assumptions.")
it("MB10", "Prop. 3 'iff' and uniqueness (edge cases)", "438-446, 802-814", "edge cases of Prop. 3",
   "pointwise mixtures of roots; M' > M; perfect denoiser E_t = 0 (s05)", "mixed roots coherent (ratio 19.000); M' = 3M coherent (57.000)",
   "holds as read", "Besides M32/M33: if E||epshat_t - eps||^2 = 0 on a set of t, (28) puts no constraint on lambda' there (the proof's 'equality of integrals <=> equality of integrands' needs E_t > 0); needs continuity of S and rl' for the max to exist on the closed interval.")
it("MB11", "'APPROX denotes any numerical ODE integration method'", "279-281", "classical ODE methods can be used inside UDS",
   "correlation of xi* with the path (s02); weak order (s10)", "corr(xi*, Y_t(i+1)) = 0.10; Heun weak order 1.75 (ML) vs 1.91 (flow) in linear-Gaussian case",
   "holds as read", "With noise the integrand depends on the same Brownian increments; high ODE order does not carry over to SDE strong order in general. Fine for flows; for diffusions the order claim needs qualification.")
it("MB12", "Normalization rationale for M", "434-436 (351-353)", "L (without c) is invariant to data scaling, whereas MSE depends on data scaling; therefore we need a constant M",
   "Gaussian data X ~ N(0,v), Bayes denoiser, Logis/Vel on [0.05,0.95] (s09)", "L_ML = 2.256, 2.944, 3.632 for v = 0.25, 1, 4 (not invariant); L_MSE/Mhat = 19.000 for all v; M = 19 depends only on schedule/parameterization",
   "inconsistent", "Both L and Mhat integrate the same error E||epshat - eps||^2; the constant M absorbs the mismatch of weights, not data scale.")
it("MB13", "SNR terminology", "109-110", "rr = alpha/sigma called signal-to-noise ratio", "compare with VDM/K&G (s01 sigmoid check)", "lambda_KG = 2 ring-lambda; sigmoid bias -3 refers to lambda_KG", "inconsistent",
   "Non-standard naming (sqrt-SNR); harmless internally but easy to mis-transfer constants from K&G/SiD2.")

json.dump(I, open("../items.json", "w"), indent=1)
cnt = collections.Counter(x["finding"] for x in I)
hdr = f"""# Referee report (standalone): mse — "Flows beat diffusions on image synthesis — and there are good reasons why"

Source: `/work/shared/papers/{P}` (line numbers = lines of that file; paper's own margin labels in parentheses where useful).
All numbers come from the scripts in `scripts/` (outputs in `out/`): `common.py`, `s01`–`s11`, `build_report.py` (writes this file and `items.json`).
Environment: `source /work/venv/bin/activate; cd scripts; python s0X_*.py`. (s08 is the only slow one: ~3.5 CPU-min.)

## Notation and restored readings
* ring-rho `rr = alpha/sigma`, ring-lambda `rl = log rr`, `rl' = d rl/dt` (printed as \\dot or \\hat). Paper time runs from noise (t→0) to data (t→1).
* (17) `hat-rho_t/rho_s` → `rr_t/rr_s` (ring on the denominator lost; line 329 and line 469 print the same quantity with both rings). Verified: only this reading matches an exact joint-Gaussian KL (M24).
* (30) and proof `sqrt(M S_t)` → `sqrt(M) S_t` (radical extent garbled; proof (42) uses s² = M S_t², Example line 454 uses (sqrt(M) − …)²/t²). Verified: only this reading is coherent (M33).
* line 293 (label 229) `rho_s^2/rr_t^2` → `rr_s^2/rr_t^2` (same lost ring) (M20).
* line 184 (label 141) `vhat_t(alpha'_t Ybar_t)` → `vhat_t(alpha_t Ybar_t)` (M9); line 456 "compact form for λ̌'" is λ̌ (antiderivative) (M35).


## Assumptions used for the Sec. 6 recomputations (the paper states none of them)
* EDM2: Normal schedule + F-pred, the EDM grid sigma 80 -> 0.002 with rho = 7 (32 or 128 points) followed by a final step to sigma = 0, so t0 = 8.7e-7 and 1 - t_max = 3.0e-9. M is taken over [t0, t_max(sigma = 0.002)].
* RAE-like (Logis + Vel) and LightningDiT-like (Logis + VelN): 250 uniform points on [1e-3, t_max] with t_max in {0.96, 0.996, 0.999}.
* SiD2-like (SechInter + Sigmoid): 512 uniform points on [1/512, t_max] with t_max in {1 - 1/512, 0.999, 0.9999}.
* "continuous" means rho from integrating Eq. (30) exactly over each step. "discrete" means the line-388 formula.
* Diffusion sizes beta are in Y-units (data units); eta = rr_t * beta is the fraction of fresh noise.

## Counts by finding
""" + "\n".join(f"* {k}: {v}" for k, v in sorted(cnt.items())) + f"\n* total: {len(I)} (M: {sum(x['id'].startswith('M') and not x['id'].startswith('MB') for x in I)}, MB: {sum(x['id'].startswith('MB') for x in I)})\n"

summary = """
## Most important findings (short)
1. **SiT/REPA generator misstated (M42, fails).** Public SiT/REPA code gives g² = 2σ, i.e. λ' = 1/(1−t) in the paper's time (ratio to ML = t), not λ' = 1/(2t) (ratio (1−t)/2). The two have opposite time profiles (β at t≈0.9: 0.0296 vs 0.0071).
2. **The "5 %" for EDM2 comes only from the discrete definition (M49, MB5).** On EDM2's 32-step grid, line 388 gives β ≈ 0.05–0.09; the paper's continuous Prop. 3 gives ≤ 0.007 (≤ 7e-4 in the second half). Line 388 assumes equal steps, so on a non-uniform grid it is a different objective.
3. **"Nearly a flow" depends on the unstated t_max (MB4, M49).** The ratio λ'_MSE/λ'_ML ∝ (1−t_max). At t = 0.5 (Logis/Vel) it is 0.0106 for t_max = 0.96 and 0.001 for t_max = 0.996; "below 1 %" fails at SiT's t_max = 0.96 (1.9 %).
4. **The MSE-diffusion is not unique as the coherence principle is stated (M32, M33).** Any M' ≥ M is coherent (ratios 57, 1900 for 3M, 100M), and so is the other root β₊. Uniqueness comes only from choosing the smallest M and the c ≥ 0 branch.
5. **Table 1's ordering appears with a perfect denoiser (MB7).** With an exact denoiser on the EDM2 grid, Heun at 63 NFE gives Flow −3.4 %, MSE −3.4 %, ML −10.5 % (Gaussian variance error), and W1 0.0048 vs 0.0066 (mixture). Discretization error alone reproduces the ranking, so Table 1 cannot confirm the causal claim.
6. **The KL does not favour flows (MB6).** For a fixed Bayes denoiser, the MSE-diffusion's KL bound is 6–9.5× the ML one, and a flow's is infinite.
7. **Prop. 1 confirmed exactly under the restored reading (M24/M26).** The formula gives 2.6848 and the direct joint-Gaussian KL 2.6823 ± 0.0061; the literal reading gives 5.32. Prop. 2 is O(1/N) (N·error → 4.04).
8. **The family of processes is DDIM-η / EDM-β(t) (MB1, MB2).** Identity to 4e-16, with λ' = β_EDM(t). Eq. (12) for flows is the DPM-Solver++ formula in the variable r = e^λ̊.
9. **Typos and sign errors.** Line 384 is missing a ½ (M37), (31) is missing 1/r_t (M53), (36) has the wrong sign (M57), t^N(τ) should use max instead of min (M59), and (33) should have an o(Δt) remainder (M55).
10. **Statements about other systems are partly contradicted by public code (M43, M45, M46, MB9).**
    * EDM's ImageNet-64 result used the stochastic sampler (S_churn = 40).
    * ADM used the linear schedule at 128/256.
    * The stored RAE config uses 50 Euler steps on a shifted grid.
    * EDM2 reweights its loss with a learned exp(−u(σ)), and its CFG uses a separate XS unconditional network.
    * At t* = argmax λ̊'/S² the MSE-diffusion equals ML, so per-step η_MSE in the last step is 0.35–0.62 (MB8).
"""

body = ["\n## Items\n"]
for x in I:
    body.append(f"### {x['id']} — {x['location']} (lines {x['lines']})\n"
                f"* **Statement:** {x['statement']}\n* **Check:** {x['check']}\n* **Numbers:** {x['numbers']}\n"
                f"* **Finding:** **{x['finding']}**" + (f"\n* **Notes:** {x['notes']}" if x['notes'] else "") + "\n")
ext = """
## Statements about other systems (wording, line, status)
| line | wording (abridged) | status |
|---|---|---|
| 31-38 | Ho et al.: KL as weighted MSE; omitting weights improved results | external fact (M61) |
| 136-137 | Kingma & Gao: training determined by λ̊ and ω = S²/λ̊' | holds (M4) |
| 145-148 | K&G: normal/logistic/sech quantile schedules; Normal used in EDM2 | holds; EDM2 img512 P_mean −0.4, P_std 1.0 (M5, M6) |
| 162-163 | SiD/SiD2 shifted-Sech interpolation log16(t−1) | undecidable here (M7) |
| 179-180 | F-pred used in EDM/EDM2 | holds, but EDM2 adds learned uncertainty weights (M8, MB9) |
| 190-192 | VelN from logit-normal sampling (SD3, LightningDiT) | SD3 consistent; LightningDiT undecidable (M10, M44) |
| 195-196 | Sigmoid param (K&G), used in SiD2 | bias −3 in log-SNR; SiD2 use undecidable (M11) |
| 289-294 | EulerUDS = DDPM (reversible) and DDIM (β=0) | holds (M20) |
| 295-300 | DPM-solvers: exponential weight complicated, no RK4 analogue | external fact, overstated (M21, MB2) |
| 409-413 | ML-diffusion is the reversible diffusion (Ho, Kingma, K&G) | holds (M30) |
| 496-501 | DiT: DDPM schedule/param/generator; "ML(Logis)" | inconsistent (M41) |
| 500-501 | SiT/REPA/REPA-E: λ' = 1/(2t) | fails vs code (M42) |
| 501-502, 527 | RAE: flow, 250 uniform steps | flow ok; 50 steps + shifted grid in stored config (M43) |
| 503-509 | LightningDiT/SD3/PixArt flows; schedules | undecidable here (M44) |
| 511-513 | ADM: Sech schedule, Noise param, DDPM generator | partly contradicted (M45) |
| 514-516 | EDM/EDM2 generate flows | EDM ImageNet used stochastic sampler (M46) |
| 516-520 | SiD/SiD2 reversible, not public | undecidable here (M47) |
| 527 | SiD2 512 steps, LightningDiT 250 steps | undecidable here (M43, M52) |
| 534 | EDM2-S+CFG FID 2.28 @ NFE 63 | repo preset comment says 2.23 (M51) |
| 536 | (23) equivalent to KLUB (Sabour et al. 2024) | undecidable here (M60) |
"""
open("../report.md", "w").write(hdr + summary + ext + "".join(body))
print(cnt, len(I))
